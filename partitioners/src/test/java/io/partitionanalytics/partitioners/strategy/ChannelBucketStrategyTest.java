package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.TestKeys;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class ChannelBucketStrategyTest {

    @Test
    void shouldHashTheKeyFollowedByTheBigEndianBucket() {
        // Given
        SplittableRandom random = new SplittableRandom(2);
        ChannelBucketStrategy strategy = new ChannelBucketStrategy(24, 3_600_000);

        for (byte[] key : TestKeys.randomBytes(2, 50_000, 40)) {
            long t = random.nextLong(-1_000_000_000_000L, 3_000_000_000_000L);
            long bucket = Math.floorDiv(t, 3_600_000L);
            byte[] concatenation =
                    ByteBuffer.allocate(key.length + 8).put(key).putLong(bucket).array();
            int expected = (MurmurHash3.hash32x86(concatenation, 0, concatenation.length, 0) & 0x7fffffff) % 24;

            // When / Then
            assertThat(strategy.partition(key, t, Double.NaN, Double.NaN)).isEqualTo(expected);
        }
    }

    @Test
    void shouldKeepAChannelOnOnePartitionWithinABucketAndSpreadItAcrossBuckets() {
        // Given
        ChannelBucketStrategy strategy = new ChannelBucketStrategy(12, 60_000);
        byte[] channel = "channel-hot".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long start = 1_700_000_040_000L;

        // When
        int first = strategy.partition(channel, start, Double.NaN, Double.NaN);
        Set<Integer> overADay = new HashSet<>();
        for (int minute = 0; minute < 24 * 60; minute++) {
            overADay.add(strategy.partition(channel, start + minute * 60_000L, Double.NaN, Double.NaN));
        }

        // Then
        assertThat(strategy.partition(channel, start + 59_999, Double.NaN, Double.NaN))
                .isEqualTo(first);
        assertThat(overADay).hasSize(12);
    }
}
