package io.partitionanalytics.bench;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.KeyDistribution;
import io.partitionanalytics.load.EventCombiner;
import io.partitionanalytics.load.StrategySet;
import io.partitionanalytics.load.WindowLoad;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The per-event core's input and state, without Kafka: the default strategies over {@code partitions}, pre-built
 * events (keys drawn from a {@link KeyDistribution}, source partitions), and one window's loads as {@code
 * LoadCombineProcessor} holds them. Shared by {@code bench --core} (a timed loop) and the JMH benchmark in {@code
 * benchmarks/}, so that both time exactly the same work. Not thread-safe: one per thread.
 */
public final class CoreWorkload {

    public static final long WINDOW_START_MS = 1_700_000_000_000L;
    private static final long WINDOW_MS = 2_000;

    private final List<String> names = AnalyticsConfig.DEFAULT_STRATEGIES;
    private final StrategySet strategies;
    private final byte[][] keys;
    private final int[] sourcePartitions;
    private EventCombiner combiner;
    private WindowLoad[] loads;

    /**
     * @param distribution as {@link KeyDistribution#parse}: {@code uniform}, {@code zipf:<s>}, {@code sequential-time}
     */
    public CoreWorkload(String distribution, int distinctKeys, int partitions, int events) {
        List<PartitionStrategy> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(name.equals(StrategySet.OBSERVED) ? null : Strategies.create(name, partitions, Map.of()));
        }
        strategies = StrategySet.of(names, partitions, functions, WINDOW_MS);
        KeyDistribution keyDistribution = KeyDistribution.parse(distribution, distinctKeys);
        SplittableRandom random = new SplittableRandom(1);
        keys = new byte[events][];
        sourcePartitions = new int[events];
        for (int i = 0; i < events; i++) {
            long channel = keyDistribution.next(random) % distinctKeys;
            keys[i] = keyDistribution.key(channel).getBytes(StandardCharsets.UTF_8);
            sourcePartitions[i] = (int) (channel % partitions);
        }
        newWindow();
    }

    /** Starts over with an empty window and key cache, as a task does after a restart. */
    public void newWindow() {
        combiner = new EventCombiner(strategies);
        loads = new WindowLoad[names.size()];
        for (int s = 0; s < loads.length; s++) {
            loads[s] = new WindowLoad(names.get(s), WINDOW_START_MS, strategies.numPartitions(s));
        }
        WindowLoad.shareWindowHeavyKeys(loads, strategies, WindowLoad.newWindowHeavyKeys());
    }

    public int events() {
        return keys.length;
    }

    /** Adds pre-built event {@code i} (0 ≤ i < {@link #events()}) to the window. */
    public void add(int i) {
        combiner.add(
                loads, WINDOW_START_MS, keys[i], WINDOW_START_MS + 1, Double.NaN, Double.NaN, sourcePartitions[i], 100);
    }

    /** Events counted so far under strategy 0 ({@code observed}): lets a benchmark consume the result. */
    public long counted() {
        return loads[0].totalEvents();
    }
}
