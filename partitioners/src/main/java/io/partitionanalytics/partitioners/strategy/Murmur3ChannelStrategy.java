package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.hash.Murmur3;

/**
 * {@code murmur3-channel}: {@code toPositive(murmur3_x86_32(key, seed 0)) % N}, with {@code toPositive(h) = h &
 * 0x7fffffff}. Byte-exact with reference MurmurHash3, so producers in other languages can reproduce it.
 *
 * <p>No options.
 */
public final class Murmur3ChannelStrategy implements PartitionStrategy {

    public static final String NAME = "murmur3-channel";

    private final int numPartitions;

    public Murmur3ChannelStrategy(int numPartitions) {
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
        return Murmur3.toPositive(Murmur3.hash32x86(key, 0, key.length, 0)) % numPartitions;
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ")";
    }
}
