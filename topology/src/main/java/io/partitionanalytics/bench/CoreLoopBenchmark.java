package io.partitionanalytics.bench;

import java.io.PrintStream;

/**
 * The per-event core alone ({@link io.partitionanalytics.load.EventCombiner#add}, the default strategies, one window,
 * see {@link CoreWorkload}): a plain timed loop with warm-up rounds, one thread, for a quick figure from the CLI. The
 * JMH benchmark of the same workload is {@code EventCombinerBenchmark} in {@code benchmarks/}.
 */
public final class CoreLoopBenchmark {

    private final PrintStream out;

    public CoreLoopBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Returns events per second of the last of {@code rounds} rounds. */
    public double run(String distribution, int keys, int partitions, int events, int rounds) {
        CoreWorkload workload = new CoreWorkload(distribution, keys, partitions, events);
        double rate = 0;
        for (int round = 1; round <= rounds; round++) {
            workload.newWindow();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                workload.add(i);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rate = events / seconds;
            out.printf("  round %d: %,.0f events/s (%.0f ns/event)%n", round, rate, seconds * 1e9 / events);
        }
        return rate;
    }
}
