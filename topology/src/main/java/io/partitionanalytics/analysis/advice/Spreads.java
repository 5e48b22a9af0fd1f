package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Where the unknown small keys of one partition go under a change: the residual half of {@link Placement}. Each
 * function gives, for a partition before the change, shares over the partitions after it. These are exact for keys
 * whose hash is uniform; they say nothing about which small key goes where, only how much of the residual does.
 */
final class Spreads {

    /** Beyond this many residues, mod-N resizing falls back to the uniform spread it approaches anyway. */
    private static final int MAX_RESIDUES = 1 << 20;
    /** Beyond this many time segments per window, re-bucketing is not modelled. */
    private static final long MAX_TIME_SEGMENTS = 1L << 21;

    private Spreads() {}

    static double[] oneHot(int partitions, int partition) {
        double[] shares = new double[partitions];
        shares[partition] = 1.0;
        return shares;
    }

    static double[] uniform(int partitions) {
        double[] shares = new double[partitions];
        Arrays.fill(shares, 1.0 / partitions);
        return shares;
    }

    /**
     * The same shares whatever the partition before: for a switch between independent hash functions, where where a
     * key was says nothing about where it goes.
     */
    static IntFunction<double[]> independent(double[] shares) {
        return p -> shares; // read only (see Placement)
    }

    /**
     * {@code h mod from} to {@code h mod to}, for a uniform hash h. The keys of partition p are those with h ≡ p (mod
     * from); modulo lcm(from, to) they are the residues p, p + from, p + 2·from, ..., equally likely, and each residue r
     * lands on r mod to. Exact for a uniform hash; e.g. from 6 to 12 sends half to p and half to p + 6, from 12 to 13
     * spreads over nearly all 13.
     */
    static IntFunction<double[]> modResize(int from, int to) {
        long lcm = (long) from / gcd(from, to) * to;
        long residues = lcm / from;
        if (residues > MAX_RESIDUES) {
            return independent(uniform(to));
        }
        return p -> {
            double[] shares = new double[to];
            double each = 1.0 / residues;
            for (long j = 0; j < residues; j++) {
                shares[(int) ((p + j * from) % to)] += each;
            }
            return shares;
        };
    }

    /**
     * Jump consistent hash from {@code from} to {@code to > from} buckets: a key stays with probability from/to, and
     * each new bucket receives 1/to of every old bucket's keys (the property jump hash is built on).
     */
    static IntFunction<double[]> jumpResize(int from, int to) {
        if (to < from) {
            throw new IllegalArgumentException("jump hash can only grow, from " + from + " to " + to);
        }
        return p -> {
            double[] shares = new double[to];
            shares[p] = (double) from / to;
            for (int b = from; b < to; b++) {
                shares[b] = 1.0 / to;
            }
            return shares;
        };
    }

    /**
     * One ring to another (other nodes, other vnode count): the keys of node p are uniform over p's arcs, and each piece
     * of those arcs has an owner in the new ring. Computed exactly by cutting the ring at every vnode of both rings:
     * within one piece neither owner changes. Node ids are partition numbers in both rings.
     */
    static IntFunction<double[]> ringChange(ConsistentHashRing before, ConsistentHashRing after, int partitionsAfter) {
        double[][] matrix = ringMatrix(before, after, partitionsAfter);
        return p -> p < matrix.length && sum(matrix[p]) > 0 ? normalized(matrix[p]) : oneHot(partitionsAfter, p);
    }

    private static double[][] ringMatrix(ConsistentHashRing before, ConsistentHashRing after, int partitionsAfter) {
        // Every vnode of both rings, in ring order (signed, as the ring reads it); arcs wrap from the last to the
        // first.
        long[] cuts = concat(positions(before), positions(after));
        Arrays.sort(cuts);
        int partitionsBefore = Arrays.stream(before.nodeIds()).max().orElse(0) + 1;
        double[][] matrix = new double[partitionsBefore][partitionsAfter];
        for (int i = 0; i < cuts.length; i++) {
            long end = cuts[i];
            long start = cuts[i == 0 ? cuts.length - 1 : i - 1];
            // The arc (start, end]: no vnode of either ring lies inside it, so both owners are those of its end. Its
            // length wraps correctly in two's complement; a position repeated (shared by both rings) gives length 0.
            double length = cuts.length == 1 ? 0x1p64 : unsigned(end - start);
            if (length == 0) {
                continue;
            }
            matrix[before.ownerOf(end)][after.ownerOf(end)] += length;
        }
        return matrix;
    }

    /**
     * Time buckets of one width and count to another, for traffic spread evenly in event time over the window [start,
     * end): partition p's events are those of the instants that mapped to p, and each instant maps to one partition
     * after. Computed by cutting the window at every bucket boundary of both layouts.
     *
     * @return the transition, or null if the window would be cut into too many pieces
     */
    static IntFunction<double[]> rebucket(
            long windowStartMs,
            long windowEndMs,
            long bucketBeforeMs,
            int partitionsBefore,
            long bucketAfterMs,
            int partitionsAfter) {
        double[][] matrix = timeMatrix(
                windowStartMs, windowEndMs, bucketBeforeMs, partitionsBefore, bucketAfterMs, partitionsAfter);
        if (matrix == null) {
            return null;
        }
        return p -> sum(matrix[p]) > 0
                ? normalized(matrix[p])
                : p < partitionsAfter ? oneHot(partitionsAfter, p) : uniform(partitionsAfter);
    }

    /** The share of the window [start, end) that time buckets of the given width send to each partition. */
    static double[] timeShares(long windowStartMs, long windowEndMs, long bucketMs, int partitions) {
        double[][] matrix = timeMatrix(windowStartMs, windowEndMs, bucketMs, 1, bucketMs, partitions);
        if (matrix == null || sum(matrix[0]) == 0) {
            return uniform(partitions);
        }
        return normalized(matrix[0]);
    }

    private static double[][] timeMatrix(
            long start, long end, long bucketBefore, int partitionsBefore, long bucketAfter, int partitionsAfter) {
        if (end <= start) {
            return new double[partitionsBefore][partitionsAfter];
        }
        long segments = (end - start) / bucketBefore + (end - start) / bucketAfter + 2;
        if (segments > MAX_TIME_SEGMENTS) {
            return null;
        }
        double[][] matrix = new double[partitionsBefore][partitionsAfter];
        long t = start;
        while (t < end) {
            long nextBefore = (Math.floorDiv(t, bucketBefore) + 1) * bucketBefore;
            long nextAfter = (Math.floorDiv(t, bucketAfter) + 1) * bucketAfter;
            long next = Math.min(end, Math.min(nextBefore, nextAfter));
            int from = (int) Math.floorMod(Math.floorDiv(t, bucketBefore), (long) partitionsBefore);
            int to = (int) Math.floorMod(Math.floorDiv(t, bucketAfter), (long) partitionsAfter);
            matrix[from][to] += next - t;
            t = next;
        }
        return matrix;
    }

    private static long[] positions(ConsistentHashRing ring) {
        int v = ring.vnodesPerNode();
        int[] ids = ring.nodeIds();
        long[] out = new long[ids.length * v];
        int i = 0;
        for (int id : ids) {
            for (int vnode = 0; vnode < v; vnode++) {
                out[i++] = ConsistentHashRing.vnodePosition(id, vnode, ring.seed());
            }
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double unsigned(long value) {
        return (double) (value >>> 1) * 2.0 + (value & 1);
    }

    static double[] normalized(double[] weights) {
        double total = sum(weights);
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / total;
        }
        return out;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
