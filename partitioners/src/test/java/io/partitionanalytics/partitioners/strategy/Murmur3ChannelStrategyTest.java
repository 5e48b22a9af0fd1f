package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.TestKeys;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class Murmur3ChannelStrategyTest {

    @Test
    void shouldPlaceAKnownKeyFromItsPublishedHash() {
        // Given murmur3_x86_32("The quick brown fox jumps over the lazy dog", 0) = 0x2E4FF723 (published)
        byte[] key = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThat(new Murmur3ChannelStrategy(12).partition(key, 0L, Double.NaN, Double.NaN))
                .isEqualTo((0x2E4FF723 & 0x7fffffff) % 12);
    }

    @Test
    void shouldEqualToPositiveOfReferenceMurmur3ModN() {
        Murmur3ChannelStrategy strategy = new Murmur3ChannelStrategy(37);
        for (byte[] key : TestKeys.randomBytes(5, 100_000, 64)) {
            int expected = (MurmurHash3.hash32x86(key, 0, key.length, 0) & 0x7fffffff) % 37;
            assertThat(strategy.partition(key, 123L, 1.0, 2.0)).isEqualTo(expected);
        }
    }
}
