package io.partitionanalytics.partitioners.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A consistent-hash ring of nodes, each placed at {@code vnodes} points (virtual nodes), as in Dynamo and Cassandra.
 *
 * <p><b>Positions.</b> The ring is the signed 64-bit range, read in increasing order from {@code Long.MIN_VALUE} and
 * wrapping back to it (Cassandra's token ring). Virtual node {@code v} of node {@code n} sits at
 *
 * <pre>
 *   h1(murmur3_x64_128(ascii("node-" + n + "-vnode-" + v), seed))      e.g. "node-3-vnode-17"
 * </pre>
 *
 * with {@code n} and {@code v} in decimal (node ids may be negative: {@code "node--1-vnode-0"}) and h1 the first 64 bits
 * of the hash, little-endian. These labels are part of the contract: the same node ids, vnode count and seed give the
 * same ring in any process and any language. A key sits at {@code h1(murmur3_x64_128(key bytes, 0))}; the seed only
 * re-draws the vnodes.
 *
 * <p><b>Lookup.</b> A key belongs to the first virtual node clockwise from it: the first position {@code >=} the key's,
 * wrapping to the smallest position. So a vnode at p owns the arc (previous vnode, p]. Positions are a sorted primitive
 * {@code long[]} with a parallel {@code int[]} of owners; a lookup narrows the search with a small table indexed by the
 * top bits of the position (about one vnode per slot), then binary-searches the few candidates. The result is exactly
 * that of a plain binary search over the whole ring, in two or three cache misses instead of ~log2(N·V). Ties (two
 * vnodes at the same 64-bit position, practically never) are broken by the lower node id.
 *
 * <p>Immutable and thread-safe; lookups do not allocate.
 */
public final class ConsistentHashRing {

    /** Upper bound on nodes × vnodes (16 Mi vnodes, ~200 MB of arrays): beyond it a ring is a configuration error. */
    public static final int MAX_VNODES_TOTAL = 1 << 24;

    private static final int MAX_INDEX_BITS = 20;

    private final int[] nodeIds;
    private final int vnodesPerNode;
    private final int seed;
    private final long[] positions;
    private final int[] owners;
    private final int indexShift;
    private final int[] index;

    private ConsistentHashRing(int[] nodeIds, int vnodesPerNode, int seed) {
        this.nodeIds = nodeIds;
        this.vnodesPerNode = vnodesPerNode;
        this.seed = seed;

        int size = nodeIds.length * vnodesPerNode;
        long[] pos = new long[size];
        int[] own = new int[size];
        int i = 0;
        for (int node : nodeIds) {
            for (int v = 0; v < vnodesPerNode; v++) {
                pos[i] = vnodePosition(node, v, seed);
                own[i] = node;
                i++;
            }
        }
        SortedPairs sorted = SortedPairs.sort(pos, own);
        this.positions = sorted.positions;
        this.owners = sorted.owners;

        int bits = Math.min(MAX_INDEX_BITS, Math.max(1, 32 - Integer.numberOfLeadingZeros(size - 1)));
        this.indexShift = 64 - bits;
        this.index = new int[(1 << bits) + 1];
        int next = 0;
        for (int p = 0; p < size; p++) {
            int bucket = bucketOf(positions[p]);
            while (next <= bucket) {
                index[next++] = p;
            }
        }
        while (next < index.length) {
            index[next++] = size;
        }
    }

    /**
     * A ring of the given nodes.
     *
     * @param nodeIds distinct node ids (for a partitioner, the partition numbers)
     * @param vnodesPerNode virtual nodes per node, {@code > 0}
     * @param seed the Murmur3 seed of the vnode positions
     * @throws IllegalArgumentException on no nodes, duplicate ids, {@code vnodesPerNode <= 0} or more than {@link
     *     #MAX_VNODES_TOTAL} vnodes
     */
    public static ConsistentHashRing of(int[] nodeIds, int vnodesPerNode, int seed) {
        if (nodeIds.length == 0) {
            throw new IllegalArgumentException("a ring needs at least one node");
        }
        if (vnodesPerNode <= 0) {
            throw new IllegalArgumentException("vnodes per node must be > 0, got " + vnodesPerNode);
        }
        if ((long) nodeIds.length * vnodesPerNode > MAX_VNODES_TOTAL) {
            throw new IllegalArgumentException("nodes x vnodes = " + nodeIds.length + " x " + vnodesPerNode
                    + " exceeds the maximum of " + MAX_VNODES_TOTAL + " virtual nodes");
        }
        int[] sortedIds = nodeIds.clone();
        Arrays.sort(sortedIds);
        for (int i = 1; i < sortedIds.length; i++) {
            if (sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("duplicate node id " + sortedIds[i]);
            }
        }
        return new ConsistentHashRing(nodeIds.clone(), vnodesPerNode, seed);
    }

    /** A ring of nodes {@code 0 .. numNodes - 1}. */
    public static ConsistentHashRing ofNodes(int numNodes, int vnodesPerNode, int seed) {
        if (numNodes <= 0) {
            throw new IllegalArgumentException("a ring needs at least one node, got " + numNodes);
        }
        int[] ids = new int[numNodes];
        Arrays.setAll(ids, n -> n);
        return of(ids, vnodesPerNode, seed);
    }

    /** The documented position of virtual node {@code vnode} of node {@code nodeId} (see the class comment). */
    public static long vnodePosition(int nodeId, int vnode, int seed) {
        byte[] label = ("node-" + nodeId + "-vnode-" + vnode).getBytes(StandardCharsets.US_ASCII);
        return Murmur3.hash128x64H1(label, 0, label.length, seed);
    }

    /** The position of a key on any ring: h1 of Murmur3 x64_128 of its bytes, seed 0. */
    public static long keyPosition(byte[] key, int offset, int length) {
        return Murmur3.hash128x64H1(key, offset, length, 0);
    }

    /** The node owning a ring position: that of the first vnode at or after it, wrapping around. */
    public int ownerOf(long position) {
        int bucket = bucketOf(position);
        int lo = index[bucket];
        int hi = index[bucket + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // lo == index[bucket + 1] means every vnode of this slot lies before the position: the next slot's first vnode
        // is the successor, and past the last vnode the ring wraps to the first.
        return owners[lo == positions.length ? 0 : lo];
    }

    /** The node owning a key. */
    public int ownerOfKey(byte[] key, int offset, int length) {
        return ownerOf(keyPosition(key, offset, length));
    }

    /** The node ids, in the order given. */
    public int[] nodeIds() {
        return nodeIds.clone();
    }

    public int vnodesPerNode() {
        return vnodesPerNode;
    }

    public int seed() {
        return seed;
    }

    /** Number of virtual nodes on the ring (nodes × vnodes). */
    public int size() {
        return positions.length;
    }

    /**
     * The fraction of the ring each node owns, aligned with {@link #nodeIds()}; sums to 1. For uniformly hashed keys this
     * is the expected share of keys per node, so its spread is the ring's inherent imbalance (relative standard
     * deviation about 1/sqrt(vnodes)).
     */
    public double[] ownership() {
        Map<Integer, Integer> slotOfNode = new HashMap<>();
        for (int i = 0; i < nodeIds.length; i++) {
            slotOfNode.put(nodeIds[i], i);
        }
        double[] share = new double[nodeIds.length];
        int n = positions.length;
        if (n == 1) {
            share[0] = 1.0;
            return share;
        }
        for (int i = 0; i < n; i++) {
            // Unsigned distance from the previous vnode; for i == 0 the subtraction wraps across the ring's end, which
            // two's-complement arithmetic does for us.
            long arc = positions[i] - positions[i == 0 ? n - 1 : i - 1];
            share[slotOfNode.get(owners[i])] += unsignedToDouble(arc) / 0x1p64;
        }
        return share;
    }

    @Override
    public String toString() {
        return "ConsistentHashRing(nodes=" + nodeIds.length + ", vnodes=" + vnodesPerNode + ", seed=" + seed + ")";
    }

    private int bucketOf(long position) {
        // Flipping the sign bit turns signed order into unsigned order, so the top bits grow with the position.
        return (int) ((position ^ Long.MIN_VALUE) >>> indexShift);
    }

    private static double unsignedToDouble(long value) {
        return (double) (value >>> 1) * 2.0 + (value & 1);
    }

    /** A stable bottom-up merge sort of (position, owner) pairs by position, then owner; construction time only. */
    private static final class SortedPairs {
        private final long[] positions;
        private final int[] owners;

        private SortedPairs(long[] positions, int[] owners) {
            this.positions = positions;
            this.owners = owners;
        }

        static SortedPairs sort(long[] pos, int[] own) {
            int n = pos.length;
            long[] pFrom = pos;
            int[] oFrom = own;
            long[] pTo = new long[n];
            int[] oTo = new int[n];
            for (int width = 1; width < n; width <<= 1) {
                for (int lo = 0; lo < n; lo += 2 * width) {
                    int mid = Math.min(lo + width, n);
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    for (int k = lo; k < hi; k++) {
                        boolean takeLeft = j >= hi
                                || (i < mid && (pFrom[i] < pFrom[j] || (pFrom[i] == pFrom[j] && oFrom[i] <= oFrom[j])));
                        if (takeLeft) {
                            pTo[k] = pFrom[i];
                            oTo[k] = oFrom[i++];
                        } else {
                            pTo[k] = pFrom[j];
                            oTo[k] = oFrom[j++];
                        }
                    }
                }
                long[] pSwap = pFrom;
                pFrom = pTo;
                pTo = pSwap;
                int[] oSwap = oFrom;
                oFrom = oTo;
                oTo = oSwap;
            }
            return new SortedPairs(pFrom, oFrom);
        }
    }
}
