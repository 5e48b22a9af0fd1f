package io.partitionanalytics.simulate;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.util.Map;
import java.util.TreeMap;

/**
 * One strategy to simulate: its name and options as the user gave them, the strategy built from them, and what it reads
 * besides the key. Built before the trace is read, so that a mistyped option fails at once rather than after minutes of
 * reading.
 */
public record SimulatedStrategy(
        String name, Map<String, String> options, PartitionStrategy strategy, PlacementGranularity granularity) {

    public SimulatedStrategy {
        options = Map.copyOf(options);
    }

    /**
     * @throws io.partitionanalytics.partitioners.InvalidStrategyException naming the strategy and option at fault
     */
    public static SimulatedStrategy create(String name, int partitions, Map<String, String> options) {
        PartitionStrategy strategy = Strategies.create(name, partitions, options);
        return new SimulatedStrategy(name, options, strategy, PlacementGranularity.of(strategy));
    }

    public int partitions() {
        return strategy.numPartitions();
    }

    /** The same strategy and options at another partition count. */
    public PartitionStrategy withPartitions(int partitions) {
        return Strategies.create(name, partitions, options);
    }

    /** The options in key order, for stable output. */
    public Map<String, String> sortedOptions() {
        return new TreeMap<>(options);
    }
}
