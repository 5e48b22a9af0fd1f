package io.partitionanalytics.partitioners.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.hash.Hashing;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jump consistent hash. Reference vectors: those shared by ports of the paper's C++ code (go-jump, ClickHouse's
 * jumpConsistentHash tests) and Guava's "golden values" checked against the C++ implementation.
 */
class JumpHashTest {

    static Stream<Arguments> referenceVectors() {
        return Stream.of(
                Arguments.of(1L, 1, 0),
                Arguments.of(42L, 57, 43),
                Arguments.of(0xDEAD10CCL, 1, 0),
                Arguments.of(0xDEAD10CCL, 666, 361),
                Arguments.of(256L, 1024, 520),
                Arguments.of(Long.parseUnsignedLong("16045690984833335023"), 255, 237),
                Arguments.of(10863919174838991L, 11, 6),
                Arguments.of(2016238256797177309L, 11, 3),
                Arguments.of(1673758223894951030L, 11, 5),
                Arguments.of(2L, 100001, 80343),
                Arguments.of(2201L, 100001, 22152),
                Arguments.of(2202L, 100001, 15018));
    }

    @ParameterizedTest
    @MethodSource("referenceVectors")
    void shouldMatchReferenceVectors(long key, int buckets, int expected) {
        assertThat(JumpHash.bucket(key, buckets)).isEqualTo(expected);
    }

    @Test
    void shouldMatchGoldenValuesForOneHundredBuckets() {
        int[] golden = {0, 55, 62, 8, 45, 59, 86, 97, 82, 59, 73, 37, 17, 56, 86, 21, 90, 37, 38, 83};
        for (int key = 0; key < golden.length; key++) {
            assertThat(JumpHash.bucket(key, 100)).as("key %d", key).isEqualTo(golden[key]);
        }
    }

    @Test
    void shouldMatchGuavaOnRandomKeysAndBucketCounts() {
        SplittableRandom random = new SplittableRandom(99);
        for (int i = 0; i < 200_000; i++) {
            // Given
            long key = random.nextLong();
            int buckets = random.nextInt(1, i % 2 == 0 ? 64 : 100_000);

            // When / Then
            assertThat(JumpHash.bucket(key, buckets)).isEqualTo(Hashing.consistentHash(key, buckets));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12, 64, 999})
    void shouldMoveAboutOneOverNPlusOneOfKeysAndOnlyToTheNewBucket(int n) {
        // Given
        SplittableRandom random = new SplittableRandom(n);
        int keys = 200_000;
        int moved = 0;

        for (int i = 0; i < keys; i++) {
            long key = random.nextLong();

            // When
            int before = JumpHash.bucket(key, n);
            int after = JumpHash.bucket(key, n + 1);

            // Then
            if (before != after) {
                moved++;
                assertThat(after).isEqualTo(n);
            }
        }
        double ratio = (double) moved / keys / (1.0 / (n + 1));
        assertThat(ratio).as("moved / (1/(N+1))").isBetween(0.9, 1.1);
    }

    @Test
    void shouldJumpWithGuavasSingleRoundingWhereThePapersDoubleRoundingFallsShort() {
        // Given a step from bucket 48 with x = (state >>> 33) + 1 = 49 * 2^22, where (b + 1) * 2^31 / x = 512 exactly
        long x = 49L << 22;
        long state = (x - 1) << 33;
        double papers = 49 * ((double) (1L << 31) / (double) x);

        // When
        int next = (int) (JumpHash.jumpPlusOne(49, state, JumpHash.halfWidth(1_001)) - 1);

        // Then: Guava's arithmetic (the design's contract) lands on 512; the paper's lands on 511.99999999999994
        assertThat(next).isEqualTo(512);
        assertThat((long) papers).isEqualTo(511);
    }

    @Test
    void shouldTakeEveryJumpExactlyAsGuavasExpression() {
        // Given steps chosen where a shortcut would go wrong: exact integer quotients (x = d * 2^m with d dividing b +
        // 1),
        // their neighbours, and random draws
        SplittableRandom random = new SplittableRandom(7);
        for (int b1 = 1; b1 <= 1_500; b1++) {
            for (int d = 1; d <= b1; d++) {
                if (b1 % d != 0) {
                    continue;
                }
                for (long x = d; x <= (1L << 31); x <<= 1) {
                    for (long near = x - 1; near <= x + 1; near++) {
                        if (near < 1 || near > (1L << 31)) {
                            continue;
                        }
                        long state = ((near - 1) << 33) | (random.nextLong() >>> 31);
                        // When / Then
                        assertJumpsAsGuava(b1, state);
                    }
                }
            }
        }
        for (int i = 0; i < 1_000_000; i++) {
            int candidate = random.nextInt(1 << 24);
            assertJumpsAsGuava(candidate + 1, random.nextLong());
        }
    }

    /**
     * One jump from bucket {@code candidatePlusOne - 1}, in walks over several bucket counts the candidate could be in:
     * the same bucket as Guava's wherever either is below the walk's limit; both at or above it otherwise.
     */
    private static void assertJumpsAsGuava(int candidatePlusOne, long state) {
        long guavasPlusOne = (long) guavasJump(candidatePlusOne - 1, state) + 1;
        for (double limit : new double[] {
            candidatePlusOne + 1.0, 2.0 * candidatePlusOne, candidatePlusOne + 1_001.0, 0x1p20 + 1, 0x1p31
        }) {
            if (limit <= candidatePlusOne) {
                continue;
            }
            double ours = JumpHash.jumpPlusOne(candidatePlusOne, state, JumpHash.halfWidth(limit));
            if (ours < limit || guavasPlusOne < limit) {
                assertThat((long) ours)
                        .as("b=%d state=%x limit=%.0f", candidatePlusOne - 1, state, limit)
                        .isEqualTo(guavasPlusOne);
            } else {
                assertThat(guavasPlusOne).isGreaterThanOrEqualTo((long) limit);
            }
        }
    }

    @Test
    void shouldMatchGuavaOnKeysWhoseFirstDrawIsAPowerOfTwo() {
        // Given keys crafted (by inverting the generator) so that the first draw gives x = 2^m: an exact quotient
        long inverse = inverseOf(2862933555777941757L);
        for (int m = 0; m <= 31; m++) {
            long state = ((1L << m) - 1) << 33;
            long key = (state - 1) * inverse;
            for (int buckets : new int[] {1, 2, 3, 12, 1000, 1 << 20}) {
                // When / Then
                assertThat(JumpHash.bucket(key, buckets))
                        .as("m=%d N=%d", m, buckets)
                        .isEqualTo(Hashing.consistentHash(key, buckets));
            }
        }
    }

    @Test
    void shouldStopWhereGuavasDrawWrapsAround() {
        // Given a state whose top 31 bits are all ones: Guava's int x wraps to -2^31, a negative draw
        long state = -1L;

        // When / Then
        assertThat(JumpHash.jumpPlusOne(6, state, JumpHash.halfWidth(13)) - 1).isNegative();
    }

    /** Guava's step, as its bytecode computes it (see Hashing.consistentHash and its LinearCongruentialGenerator). */
    private static int guavasJump(int candidate, long state) {
        double draw = ((double) ((int) (state >>> 33) + 1)) / 0x1p31;
        return (int) ((candidate + 1) / draw);
    }

    /** The multiplicative inverse of an odd number modulo 2^64, by Newton's iteration. */
    private static long inverseOf(long odd) {
        long inverse = odd;
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - odd * inverse;
        }
        assertThat(odd * inverse).isEqualTo(1L);
        return inverse;
    }

    @Test
    void shouldRejectNonPositiveBucketCounts() {
        assertThatThrownBy(() -> JumpHash.bucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JumpHash.bucket(1, -10)).isInstanceOf(IllegalArgumentException.class);
    }
}
