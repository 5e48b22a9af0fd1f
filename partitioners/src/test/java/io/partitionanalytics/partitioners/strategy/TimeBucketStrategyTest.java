package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeBucketStrategyTest {

    private static final byte[] KEY = "channel-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldMoveToTheNextPartitionModNOneBucketLater() {
        // Given
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            int n = random.nextInt(1, 200);
            long bucketMs = random.nextLong(1, 10_000_000);
            TimeBucketStrategy strategy = new TimeBucketStrategy(n, bucketMs);
            long t = random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L); // before and after the epoch

            // When
            int now = strategy.partition(KEY, t, Double.NaN, Double.NaN);
            int later = strategy.partition(KEY, t + bucketMs, Double.NaN, Double.NaN);

            // Then
            assertThat(later).as("t=%d bucket=%d N=%d", t, bucketMs, n).isEqualTo((now + 1) % n);
        }
    }

    @Test
    void shouldKeepABucketTogetherAndStartTheNextOneExactlyOnItsBoundary() {
        // Given
        TimeBucketStrategy strategy = new TimeBucketStrategy(12, 60_000);
        long start = 1_700_000_040_000L; // a multiple of 60 000
        int first = strategy.partition(KEY, start, Double.NaN, Double.NaN);

        // When / Then
        assertThat(strategy.partition(KEY, start + 59_999, Double.NaN, Double.NaN))
                .isEqualTo(first);
        assertThat(strategy.partition(KEY, start + 60_000, Double.NaN, Double.NaN))
                .isEqualTo((first + 1) % 12);
        assertThat(strategy.partition(KEY, start - 1, Double.NaN, Double.NaN)).isEqualTo((first + 11) % 12);
        assertThat(first).isEqualTo((int) ((start / 60_000) % 12));
    }

    @Test
    void shouldFloorTimestampsBeforeTheEpoch() {
        TimeBucketStrategy strategy = new TimeBucketStrategy(12, 1_000);
        assertThat(strategy.partition(KEY, 0, Double.NaN, Double.NaN)).isZero();
        assertThat(strategy.partition(KEY, -1, Double.NaN, Double.NaN)).isEqualTo(11);
        assertThat(strategy.partition(KEY, -1_000, Double.NaN, Double.NaN)).isEqualTo(11);
        assertThat(strategy.partition(KEY, -1_001, Double.NaN, Double.NaN)).isEqualTo(10);
        assertThat(strategy.partition(KEY, Long.MIN_VALUE, Double.NaN, Double.NaN))
                .isBetween(0, 11);
    }

    @Test
    void shouldIgnoreTheKey() {
        TimeBucketStrategy strategy = new TimeBucketStrategy(12, 1_000);
        assertThat(strategy.partition("a".getBytes(StandardCharsets.UTF_8), 5_500, Double.NaN, Double.NaN))
                .isEqualTo(strategy.partition("b".getBytes(StandardCharsets.UTF_8), 5_500, Double.NaN, Double.NaN));
    }
}
