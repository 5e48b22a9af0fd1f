package io.partitionanalytics.partitioners;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One configured strategy, built lazily for each partition count it is asked about. Adapters need this because Kafka
 * tells them N per record (from topic metadata), while a strategy is built for one N, and some (a 256-vnode ring) are
 * too costly to rebuild per record. Thread-safe; after the first record of a topic a lookup does not allocate for N
 * up to 127 (the boxed-Integer cache).
 */
public final class StrategyCache {

    private final String name;
    private final Map<String, String> options;
    private final ConcurrentHashMap<Integer, PartitionStrategy> byPartitionCount = new ConcurrentHashMap<>();

    /**
     * @throws InvalidStrategyException if the name or an option key is unknown (values are checked on first use, when
     *     N is known)
     */
    public StrategyCache(String name, Map<String, String> options) {
        Strategies.checkOptions(name, options);
        this.name = name;
        this.options = Map.copyOf(options);
    }

    public String name() {
        return name;
    }

    /** The strategy for {@code numPartitions} partitions, built on first request. */
    public PartitionStrategy forPartitions(int numPartitions) {
        PartitionStrategy s = byPartitionCount.get(numPartitions);
        if (s == null) {
            s = byPartitionCount.computeIfAbsent(numPartitions, n -> Strategies.create(name, n, options));
        }
        return s;
    }
}
