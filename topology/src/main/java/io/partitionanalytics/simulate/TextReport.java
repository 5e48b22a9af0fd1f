package io.partitionanalytics.simulate;

import io.partitionanalytics.simulate.SimulationReport.Change;
import io.partitionanalytics.simulate.SimulationReport.PartitionLoadRow;
import io.partitionanalytics.simulate.SimulationReport.Spread;
import io.partitionanalytics.simulate.SimulationReport.StrategyReport;
import io.partitionanalytics.simulate.SimulationReport.TopKey;
import io.partitionanalytics.simulate.SimulationReport.TraceSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** {@link SimulationReport} for a terminal: one block per strategy, partitions as rows. */
public final class TextReport {

    /** Above this many partitions only the hottest are listed (JSON always has all). */
    static final int MAX_PARTITION_ROWS = 32;

    private static final String HOT_MARK = "*";
    private static final double HOT_RATIO = 1.5;

    private TextReport() {}

    public static void write(SimulationReport report, PrintWriter out) {
        writeTrace(report.trace(), out);
        for (StrategyReport s : report.strategies()) {
            out.println();
            writeStrategy(s, out);
        }
        out.flush();
    }

    private static void writeTrace(TraceSummary t, PrintWriter out) {
        out.printf(
                Locale.ROOT, "trace %s: %,d events, %,d keys, %,d bytes", t.source(), t.events(), t.keys(), t.bytes());
        if (t.firstTimestampMs() != null) {
            out.printf(
                    Locale.ROOT,
                    ", %s .. %s",
                    Instant.ofEpochMilli(t.firstTimestampMs()),
                    Instant.ofEpochMilli(t.lastTimestampMs()));
        }
        if (t.locatedEvents() > 0) {
            out.printf(Locale.ROOT, ", %,d with a location", t.locatedEvents());
        }
        out.println();
        if (t.skippedLines() > 0) {
            out.printf(
                    Locale.ROOT,
                    "skipped %,d malformed lines, first: %s%n",
                    t.skippedLines(),
                    String.join("; ", t.skippedExamples()));
        }
    }

    private static void writeStrategy(StrategyReport s, PrintWriter out) {
        out.printf(Locale.ROOT, "%s  (placed by %s)%n", s.configuration(), s.placedBy());
        out.printf(
                Locale.ROOT,
                "  %-9s %12s %7s %6s %14s   (%s = at least %.1fx the mean)%n",
                "partition",
                "events",
                "share",
                "ratio",
                "bytes",
                HOT_MARK,
                HOT_RATIO);
        List<PartitionLoadRow> rows = s.partitionLoads();
        List<PartitionLoadRow> shown = rows;
        if (rows.size() > MAX_PARTITION_ROWS) {
            shown = new ArrayList<>(rows);
            shown.sort(Comparator.comparingLong(PartitionLoadRow::events)
                    .reversed()
                    .thenComparingInt(PartitionLoadRow::partition));
            shown = shown.subList(0, MAX_PARTITION_ROWS);
        }
        for (PartitionLoadRow r : shown) {
            out.printf(
                    Locale.ROOT,
                    "  %-9s %12s %6.1f%% %6.2f %14s%s%n",
                    "p" + r.partition(),
                    String.format(Locale.ROOT, "%,d", r.events()),
                    100 * r.eventShare(),
                    r.ratio(),
                    String.format(Locale.ROOT, "%,d", r.bytes()),
                    r.ratio() >= HOT_RATIO ? " " + HOT_MARK : "");
        }
        if (shown.size() < rows.size()) {
            out.printf(
                    Locale.ROOT,
                    "  ... %d cooler partitions not shown (--format json lists all)%n",
                    rows.size() - shown.size());
        }
        out.printf(Locale.ROOT, "  events: %s   bytes: %s%n", spread(s.events()), spread(s.bytes()));

        if (!s.topKeys().isEmpty()) {
            out.printf(Locale.ROOT, "  %-24s %12s %7s  %s%n", "top keys", "events", "share", "partition");
            for (TopKey k : s.topKeys()) {
                String where = "p" + k.partition();
                if (k.partitionsSpanned() > 1) {
                    where += " +" + (k.partitionsSpanned() - 1) + " more";
                }
                out.printf(
                        Locale.ROOT,
                        "    %-22s %12s %6.2f%%  %s (%.2f%% of p%d)%n",
                        k.key(),
                        String.format(Locale.ROOT, "%,d", k.events()),
                        100 * k.share(),
                        where,
                        100 * k.shareOfPartition(),
                        k.partition());
            }
        }

        out.printf(Locale.ROOT, "  %-34s %11s %7s %7s%n", "what would move", s.pieces(), "events", "bytes");
        for (Change c : s.changes()) {
            String label = describe(c);
            if (c.unavailable() != null) {
                out.printf(Locale.ROOT, "    %-32s n/a: %s%n", label, c.unavailable());
            } else {
                out.printf(
                        Locale.ROOT,
                        "    %-32s %10.1f%% %6.1f%% %6.1f%%%n",
                        label,
                        100 * c.keyFraction(),
                        100 * c.eventFraction(),
                        100 * c.byteFraction());
            }
        }
    }

    private static String describe(Change c) {
        String what =
                switch (c.change()) {
                    case StrategySimulator.ADD_NODE -> "add node p" + c.node();
                    case StrategySimulator.REMOVE_NODE -> "remove node p" + c.node();
                    default -> "add partition p" + c.node();
                };
        return what + " (N " + c.partitionsBefore() + " -> " + c.partitionsAfter() + ")";
    }

    private static String spread(Spread s) {
        return String.format(
                Locale.ROOT,
                "peak/mean %.2f (p%d), cv %.3f",
                s.peakToMean(),
                s.hottestPartition(),
                s.coefficientOfVariation());
    }
}
