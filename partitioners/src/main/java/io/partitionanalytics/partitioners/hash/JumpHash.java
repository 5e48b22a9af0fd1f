package io.partitionanalytics.partitioners.hash;

/**
 * Jump consistent hash (John Lamping and Eric Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014),
 * written from the paper.
 *
 * <p>Maps a 64-bit key to a bucket in {@code [0, numBuckets)} so that growing from n to n + 1 buckets moves only about
 * 1/(n + 1) of the keys, all of them to the new bucket. No table, no allocation; expected O(ln n) steps.
 *
 * <p>The key is read as the paper's {@code uint64_t}: the 64 bits of the {@code long}, whatever its sign.
 */
public final class JumpHash {

    /** The paper's 64-bit linear congruential generator multiplier. */
    private static final long LCG_MULTIPLIER = 2862933555777941757L;

    private static final double TWO_POW_31 = 1L << 31;

    private JumpHash() {}

    /**
     * @throws IllegalArgumentException if {@code numBuckets <= 0}
     */
    public static int bucket(long key, int numBuckets) {
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("numBuckets must be > 0, got " + numBuckets);
        }
        long b = -1;
        long j = 0;
        while (j < numBuckets) {
            b = j;
            key = key * LCG_MULTIPLIER + 1;
            // The paper's next jump: (b + 1) * 2^31 / ((key >> 33) + 1), in double as in the reference, where key is
            // unsigned (hence >>>). The conversion truncates toward zero like the C assignment to int64_t.
            j = (long) ((b + 1) * (TWO_POW_31 / (double) ((key >>> 33) + 1)));
        }
        return (int) b;
    }
}
