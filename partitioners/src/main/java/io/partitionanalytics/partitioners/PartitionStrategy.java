package io.partitionanalytics.partitioners;

/**
 * A pure partitioning function: maps one event to a partition in {@code [0, numPartitions())}.
 *
 * <p>Implementations hold only immutable configuration, are thread-safe, and must not allocate on the hot path: the
 * analytics pipeline calls every configured strategy for every event. Arguments are primitives for that reason.
 */
public interface PartitionStrategy {

    /** The strategy's name as used in config, CLI, topics and metrics (for example {@code murmur3-channel}). */
    String name();

    /** Number of partitions N this strategy spreads keys over. */
    int numPartitions();

    /**
     * @param key the record key's bytes, never null
     * @param timestampMs the event time in epoch milliseconds (used by time strategies, ignored by others)
     * @param latitude WGS84 degrees, {@link Double#NaN} when unknown (used by geo, ignored by others)
     * @param longitude WGS84 degrees, {@link Double#NaN} when unknown
     * @return the partition, {@code 0 <= p < numPartitions()}
     */
    int partition(byte[] key, long timestampMs, double latitude, double longitude);
}
