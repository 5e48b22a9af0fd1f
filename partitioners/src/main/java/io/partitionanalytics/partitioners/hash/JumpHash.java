package io.partitionanalytics.partitioners.hash;

/**
 * Jump consistent hash (John Lamping and Eric Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm", 2014).
 *
 * <p>Maps a 64-bit key to a bucket in {@code [0, numBuckets)} so that growing from n to n + 1 buckets moves only about
 * 1/(n + 1) of the keys, all of them to the new bucket. No table, no allocation; expected O(ln n) steps. The key is read
 * as the paper's {@code uint64_t}: the 64 bits of the {@code long}, whatever its sign.
 *
 * <p><b>Arithmetic.</b> The design fixes the {@code jump} strategy as Guava's {@code Hashing.consistentHash}, so each
 * jump is computed the way Guava does: the next candidate is {@code (int) ((b + 1) / (x / 2^31))} with {@code x =
 * (int) (state >>> 33) + 1} (one rounding), where the paper's C++ computes {@code (int64_t) ((b + 1) * (2^31 / x))} (two
 * roundings). Both agree on the published vectors of either. Below 2^21 buckets they differ only (1) when {@code (b + 1) * 2^31 / x} is
 * an exact integer that the double rounding lands just below (e.g. b + 1 = 49, x = 49 * 2^22; never for b + 1 &lt; 49),
 * or (2) when the 31 top bits of the state are all ones (probability 2^-31 per step), where Guava's {@code int} wraps
 * and the walk stops. At N = 1000 that is in the order of one key in 10^9.
 */
public final class JumpHash {

    /** The paper's 64-bit linear congruential generator multiplier. */
    private static final long LCG_MULTIPLIER = 2862933555777941757L;

    private static final double TWO_POW_31 = 0x1p31;

    private JumpHash() {}

    /**
     * @throws IllegalArgumentException if {@code numBuckets <= 0}
     */
    public static int bucket(long key, int numBuckets) {
        if (numBuckets <= 0) {
            throw new IllegalArgumentException("numBuckets must be > 0, got " + numBuckets);
        }
        long state = key;
        // The walk carries (candidate + 1) as a double: it is an exact small integer, and staying in double arithmetic
        // keeps int/double conversions off the loop's critical path. next in [0, numBuckets) <=> next + 1 in [1,
        // limit).
        double limit = numBuckets + 1.0;
        double halfWidth = halfWidth(limit);
        double candidatePlusOne = 1;
        while (true) {
            state = state * LCG_MULTIPLIER + 1;
            double nextPlusOne = jumpPlusOne(candidatePlusOne, state, halfWidth);
            if (nextPlusOne < 1 || nextPlusOne >= limit) {
                return (int) candidatePlusOne - 1;
            }
            candidatePlusOne = nextPlusOne;
        }
    }

    /**
     * For a walk whose jumps stop at {@code limit} (buckets + 1): how far from one half the fraction {@code ceil(e) -
     * e} of a jump's estimate {@code e} may be for {@link #jumpPlusOne} to trust it, i.e. {@code 1/2 - limit * 2^-50}.
     */
    static double halfWidth(double limit) {
        return 0.5 - limit * 0x1p-50;
    }

    /**
     * The bucket the walk jumps to from bucket {@code candidatePlusOne - 1}, given the generator's new state, plus one:
     * Guava's {@code (int) ((b + 1) / (x / 2^31))} with {@code x = (int) (state >>> 33) + 1} (the {@code int}
     * wrap-around included) — exactly whenever it or the result is below the walk's {@code limit}; otherwise, both are
     * at or above it (the walk stops either way).
     *
     * <p>That division would sit on the loop's critical path (each jump needs the previous one), so it is computed as a
     * multiplication by {@code 2^31 / x}, a division that depends only on the state and so runs ahead. The estimate is
     * within {@code 2^-51} (relative) of Guava's correctly rounded quotient {@code q}. Where the estimate is below
     * {@code limit + 1}, that is less than {@code limit * 2^-50} in absolute terms: when no integer lies within that
     * distance of the estimate (its fraction is within {@code halfWidth} of one half), both truncate to the same
     * bucket ({@code q} cannot then reach {@code limit + 1}: that integer would lie within the distance).
     * Where the estimate is at least {@code limit + 1}, {@code q} exceeds {@code limit} and both stop the walk.
     * Otherwise (an exact or nearly exact integer quotient, about one draw in ten million at N = 1000; or a negative,
     * wrapped {@code x}), Guava's expression is evaluated as written.
     *
     * <p>Returns the new bucket <em>plus one</em>: away from integers, {@code floor(estimate) + 1 == ceil(estimate)}, so
     * the loop-carried chain is one multiplication and one rounding, without an addition; and the distance check is one
     * comparison whose bound is computed once per walk.
     */
    static double jumpPlusOne(double candidatePlusOne, long state, double halfWidth) {
        int x = (int) (state >>> 33) + 1;
        double estimate = candidatePlusOne * (TWO_POW_31 / x);
        double roundedUp = Math.ceil(estimate);
        if (x > 0 && Math.abs(roundedUp - estimate - 0.5) < halfWidth) {
            return roundedUp;
        }
        return (int) (candidatePlusOne / (x / TWO_POW_31)) + 1.0;
    }
}
