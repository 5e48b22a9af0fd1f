package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code range}: key ranges, as HBase regions and CockroachDB ranges. N - 1 strictly increasing boundaries b1 &lt; ...
 * &lt; b(N-1), compared as unsigned bytes, lexicographically (a proper prefix sorts first). Partition 0 holds the keys
 * below b1 and partition i the keys in [b(i), b(i+1)): a boundary is the first key of its partition, like a region's
 * start key.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code boundaries} (comma-separated keys, exactly N - 1 of them, strictly increasing; each trimmed of
 *       surrounding whitespace, none empty). Default: N - 1 boundaries evenly spaced over the first two key bytes, {@code
 *       b(i) = 2 big-endian bytes of floor(i * 65536 / N)}, which suits keys whose leading bytes are uniform (binary
 *       hashes, UUID bytes) and no others: set real boundaries for textual keys.
 *   <li>{@code encoding} ({@code utf8} or {@code hex}, default {@code utf8}): how each boundary is written; use {@code
 *       hex} for binary keys or keys containing commas.
 * </ul>
 */
public final class RangeStrategy implements PartitionStrategy {

    public static final String NAME = "range";
    public static final String BOUNDARIES = "boundaries";
    public static final String ENCODING = "encoding";

    private final int numPartitions;
    private final byte[][] boundaries;

    /**
     * @param boundaries exactly {@code numPartitions - 1} non-empty keys in strictly increasing unsigned lexicographic
     *     order; copied
     */
    public RangeStrategy(int numPartitions, List<byte[]> boundaries) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
        if (boundaries.size() != numPartitions - 1) {
            throw new InvalidStrategyException(
                    NAME,
                    BOUNDARIES,
                    "N = " + numPartitions + " partitions need exactly " + (numPartitions - 1) + " boundaries, got "
                            + boundaries.size());
        }
        this.boundaries = new byte[boundaries.size()][];
        for (int i = 0; i < this.boundaries.length; i++) {
            byte[] b = boundaries.get(i);
            if (b.length == 0) {
                throw new InvalidStrategyException(
                        NAME, BOUNDARIES, "boundary " + (i + 1) + " is empty (every key is >= the empty key)");
            }
            if (i > 0 && Arrays.compareUnsigned(this.boundaries[i - 1], b) >= 0) {
                throw new InvalidStrategyException(
                        NAME,
                        BOUNDARIES,
                        "boundaries must be strictly increasing, but boundary " + (i + 1) + " (" + hex(b) + ") "
                                + (Arrays.equals(this.boundaries[i - 1], b) ? "repeats" : "is below") + " boundary "
                                + i + " (" + hex(this.boundaries[i - 1]) + ")");
            }
            this.boundaries[i] = b.clone();
        }
    }

    /** The default boundaries: N - 1 two-byte keys evenly spaced over {@code [0x0000, 0xFFFF]}. */
    public static RangeStrategy evenlySpaced(int numPartitions) {
        Checks.partitions(NAME, numPartitions);
        if (numPartitions > 65_536) {
            throw new InvalidStrategyException(
                    NAME, BOUNDARIES, "default boundaries cover at most 65536 partitions; give boundaries");
        }
        List<byte[]> bounds = new ArrayList<>(numPartitions - 1);
        for (int i = 1; i < numPartitions; i++) {
            int v = (int) ((long) i * 65_536 / numPartitions);
            bounds.add(new byte[] {(byte) (v >>> 8), (byte) v});
        }
        return new RangeStrategy(numPartitions, bounds);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    /** The boundaries, copied. */
    public List<byte[]> boundaries() {
        List<byte[]> copy = new ArrayList<>(boundaries.length);
        for (byte[] b : boundaries) {
            copy.add(b.clone());
        }
        return copy;
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        // The number of boundaries <= key: an upper-bound binary search.
        int lo = 0;
        int hi = boundaries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] b = boundaries[mid];
            if (Arrays.compareUnsigned(b, 0, b.length, key, 0, key.length) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ")";
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }
}
