package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.hash.JumpHash;
import io.partitionanalytics.partitioners.hash.Murmur3;

/**
 * {@code jump}: Jump consistent hash of h1, the first 64 bits (little-endian) of Murmur3 x64_128 of the key bytes with
 * seed 0. The same as Guava's {@code Hashing.consistentHash(Hashing.murmur3_128().hashBytes(key).asLong(), N)}, so JVM
 * services using Guava route identically (see {@link JumpHash} on how that relates to the paper's C++ arithmetic). Going from N to N + 1 partitions moves about 1/(N + 1) of the keys, all to
 * the new partition; removing a partition other than the last is not supported by jump hashing (buckets are numbered).
 *
 * <p>No options.
 */
public final class JumpHashStrategy implements PartitionStrategy {

    public static final String NAME = "jump";

    private final int numPartitions;

    public JumpHashStrategy(int numPartitions) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        return JumpHash.bucket(Murmur3.hash128x64H1(key, 0, key.length, 0), numPartitions);
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ")";
    }
}
