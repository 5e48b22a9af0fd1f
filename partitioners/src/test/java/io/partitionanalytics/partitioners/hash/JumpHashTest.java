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
        int next = JumpHash.jump(48, state);

        // Then: Guava's arithmetic (the design's contract) lands on 512; the paper's lands on 511.99999999999994
        assertThat(next).isEqualTo(512);
        assertThat((long) papers).isEqualTo(511);
    }

    @Test
    void shouldStopWhereGuavasDrawWrapsAround() {
        // Given a state whose top 31 bits are all ones: Guava's int x wraps to -2^31, a negative draw
        long state = -1L;

        // When / Then
        assertThat(JumpHash.jump(5, state)).isNegative();
    }

    @Test
    void shouldRejectNonPositiveBucketCounts() {
        assertThatThrownBy(() -> JumpHash.bucket(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JumpHash.bucket(1, -10)).isInstanceOf(IllegalArgumentException.class);
    }
}
