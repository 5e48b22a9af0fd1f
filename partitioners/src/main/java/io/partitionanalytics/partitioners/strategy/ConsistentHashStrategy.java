package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;

/**
 * {@code consistent-hash}: a ring of N nodes (node i is partition i) with V virtual nodes each; a key goes to the first
 * vnode clockwise from its Murmur3 x64_128 position. Vnode positions and lookup rules are those of {@link
 * ConsistentHashRing} (label {@code "node-<partition>-vnode-<v>"}, hashed with the seed). Per-node load varies with a
 * relative standard deviation of about 1/sqrt(V); adding or removing a node moves only the keys of the arcs it gains or
 * loses.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code vnodes} (int &gt; 0, default {@value #DEFAULT_VNODES}): virtual nodes per partition; N × V is capped at
 *       {@link ConsistentHashRing#MAX_VNODES_TOTAL}.
 *   <li>{@code seed} (int, default {@value #DEFAULT_SEED}): the Murmur3 seed of the vnode positions, to draw another
 *       ring of the same shape (keys are always hashed with seed 0).
 * </ul>
 */
public final class ConsistentHashStrategy implements PartitionStrategy {

    public static final String NAME = "consistent-hash";
    public static final String VNODES = "vnodes";
    public static final String SEED = "seed";
    public static final int DEFAULT_VNODES = 256;
    public static final int DEFAULT_SEED = 0;

    private final int numPartitions;
    private final ConsistentHashRing ring;

    public ConsistentHashStrategy(int numPartitions, int vnodes, int seed) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
        Checks.positive(NAME, VNODES, vnodes);
        if ((long) numPartitions * vnodes > ConsistentHashRing.MAX_VNODES_TOTAL) {
            throw new InvalidStrategyException(
                    NAME,
                    VNODES,
                    "partitions x vnodes = " + numPartitions + " x " + vnodes + " exceeds the maximum of "
                            + ConsistentHashRing.MAX_VNODES_TOTAL + " virtual nodes");
        }
        this.ring = ConsistentHashRing.ofNodes(numPartitions, vnodes, seed);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    /** The ring itself, for what-if questions (ownership, a ring with one node more or less). */
    public ConsistentHashRing ring() {
        return ring;
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        return ring.ownerOfKey(key, 0, key.length);
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ", vnodes=" + ring.vnodesPerNode() + ", seed=" + ring.seed() + ")";
    }
}
