package io.partitionanalytics.cli;

import io.partitionanalytics.generate.LoadGenerator;
import java.io.PrintStream;

/** Progress of long work: a redrawn bar on a terminal, a plain line every few seconds otherwise (logs, CI). */
final class ProgressReporter implements LoadGenerator.Progress {

    private static final long PLAIN_INTERVAL_MS = 5_000;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private long lastPlainMs = -PLAIN_INTERVAL_MS;
    private boolean drawn;

    private ProgressReporter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ProgressReporter forConsole(PrintStream out, boolean terminal) {
        return new ProgressReporter(out, terminal);
    }

    @Override
    public synchronized void update(long sent, long acked, long target, long elapsedMs) {
        double rate = elapsedMs == 0 ? 0 : acked * 1000.0 / elapsedMs;
        if (terminal) {
            String bar;
            if (target > 0) {
                int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * acked / target);
                bar = "[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                        + String.format("%3d%%", 100 * acked / target);
            } else {
                bar = "";
            }
            out.printf("\r%s %,d events, %,.0f/s, %ds   ", bar, acked, rate, elapsedMs / 1000);
            drawn = true;
        } else if (elapsedMs - lastPlainMs >= PLAIN_INTERVAL_MS) {
            lastPlainMs = elapsedMs;
            out.printf(
                    "generated %,d events%s in %d s (%,.0f/s)%n",
                    acked, target > 0 ? String.format(" of %,d", target) : "", elapsedMs / 1000, rate);
        }
        out.flush();
    }

    synchronized void done() {
        if (drawn) {
            out.println();
        }
    }
}
