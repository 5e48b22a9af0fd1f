package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.hash.Murmur3;

/**
 * {@code channel-bucket}: the (channel, time bucket) partitioning Discord describes for messages. The partition is
 * {@code toPositive(murmur3_x86_32(key bytes ++ bucket as 8 big-endian bytes, seed 0)) % N} with {@code bucket =
 * floorDiv(timestampMs, bucketMs)}: a busy channel is spread over time across partitions, while one bucket of one
 * channel stays together. The concatenation is hashed without being built.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code bucket.ms} (long &gt; 0, default {@value #DEFAULT_BUCKET_MS}): the bucket width in milliseconds.
 * </ul>
 */
public final class ChannelBucketStrategy implements PartitionStrategy {

    public static final String NAME = "channel-bucket";
    public static final String BUCKET_MS = "bucket.ms";
    public static final long DEFAULT_BUCKET_MS = 60_000L;

    private final int numPartitions;
    private final long bucketMs;

    public ChannelBucketStrategy(int numPartitions, long bucketMs) {
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
        long bucket = Math.floorDiv(timestampMs, bucketMs);
        return Murmur3.toPositive(Murmur3.hash32x86WithLongSuffix(key, 0, key.length, bucket, 0)) % numPartitions;
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ", bucket.ms=" + bucketMs + ")";
    }
}
