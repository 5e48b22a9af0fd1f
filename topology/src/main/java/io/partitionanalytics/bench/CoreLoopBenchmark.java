package io.partitionanalytics.bench;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.KeyDistribution;
import io.partitionanalytics.load.EventCombiner;
import io.partitionanalytics.load.StrategySet;
import io.partitionanalytics.load.WindowLoad;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The per-event core alone ({@link EventCombiner#add}, the default strategies, one window), on pre-built events: a
 * plain timed loop with warm-up rounds, one thread. Kafka, decoding and I/O are left out on purpose.
 */
public final class CoreLoopBenchmark {

    private final PrintStream out;

    public CoreLoopBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Returns events per second of the last of {@code rounds} rounds. */
    public double run(String distribution, int keys, int partitions, int events, int rounds) {
        List<String> names = AnalyticsConfig.DEFAULT_STRATEGIES;
        List<PartitionStrategy> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(name.equals(StrategySet.OBSERVED) ? null : Strategies.create(name, partitions, Map.of()));
        }
        long windowMs = 2_000;
        StrategySet strategies = StrategySet.of(names, partitions, functions, windowMs);
        KeyDistribution keyDistribution = KeyDistribution.parse(distribution, keys);
        SplittableRandom random = new SplittableRandom(1);
        byte[][] eventKeys = new byte[events][];
        int[] sourcePartitions = new int[events];
        for (int i = 0; i < events; i++) {
            long channel = keyDistribution.next(random) % keys;
            eventKeys[i] = keyDistribution.key(channel).getBytes(StandardCharsets.UTF_8);
            sourcePartitions[i] = (int) (channel % partitions);
        }
        long windowStart = 1_700_000_000_000L;
        double rate = 0;
        for (int round = 1; round <= rounds; round++) {
            EventCombiner combiner = new EventCombiner(strategies);
            WindowLoad[] loads = new WindowLoad[names.size()];
            ItemsSketch<String> shared = WindowLoad.newWindowHeavyKeys();
            for (int s = 0; s < loads.length; s++) {
                loads[s] = new WindowLoad(names.get(s), windowStart, strategies.numPartitions(s));
                if (strategies.isWindowStable(s)) {
                    loads[s].shareWindowHeavyKeys(shared);
                }
            }
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                combiner.add(
                        loads,
                        windowStart,
                        eventKeys[i],
                        windowStart + 1,
                        Double.NaN,
                        Double.NaN,
                        sourcePartitions[i],
                        100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            rate = events / seconds;
            out.printf("  round %d: %,.0f events/s (%.0f ns/event)%n", round, rate, seconds * 1e9 / events);
        }
        return rate;
    }
}
