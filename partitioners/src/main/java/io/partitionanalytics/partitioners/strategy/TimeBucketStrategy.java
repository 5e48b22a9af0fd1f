package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.PartitionStrategy;

/**
 * {@code time-bucket}: range partitioning by event time, {@code floorMod(floorDiv(timestampMs, bucketMs), N)}. Every
 * event of one bucket lands on one partition and consecutive buckets on consecutive partitions (mod N), so the
 * partition holding "now" takes all of the traffic: the textbook time-range hotspot. Floor division keeps timestamps
 * before the epoch in order instead of folding them onto bucket 0.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code bucket.ms} (long &gt; 0, default {@value #DEFAULT_BUCKET_MS}): the bucket width in milliseconds.
 * </ul>
 */
public final class TimeBucketStrategy implements PartitionStrategy {

    public static final String NAME = "time-bucket";
    public static final String BUCKET_MS = "bucket.ms";
    public static final long DEFAULT_BUCKET_MS = 60_000L;

    private final int numPartitions;
    private final long bucketMs;

    public TimeBucketStrategy(int numPartitions, long bucketMs) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
        this.bucketMs = Checks.positive(NAME, BUCKET_MS, bucketMs);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    public long bucketMs() {
        return bucketMs;
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        return Math.floorMod(Math.floorDiv(timestampMs, bucketMs), numPartitions);
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ", bucket.ms=" + bucketMs + ")";
    }
}
