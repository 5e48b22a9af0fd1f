package io.partitionanalytics.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyDistributionTest {

    @Test
    void shouldMakeTheFirstZipfChannelsTheHeaviest() {
        KeyDistribution zipf = KeyDistribution.parse("zipf:1.2", 1000);
        SplittableRandom random = new SplittableRandom(1);
        long[] counts = new long[1000];
        for (int i = 0; i < 200_000; i++) {
            counts[(int) zipf.next(random)]++;
        }
        assertThat(counts[0]).isGreaterThan(counts[1]);
        assertThat(counts[1]).isGreaterThan(counts[10]);
        // s = 1.2 over 1000 channels: channel 0 carries roughly a quarter of the traffic.
        assertThat(counts[0] / 200_000.0).isBetween(0.2, 0.35);
    }

    @Test
    void shouldSpreadUniformlyOverEveryChannel() {
        KeyDistribution uniform = KeyDistribution.parse("uniform", 10);
        SplittableRandom random = new SplittableRandom(2);
        long[] counts = new long[10];
        for (int i = 0; i < 100_000; i++) {
            counts[(int) uniform.next(random)]++;
        }
        for (long count : counts) {
            assertThat(count).isBetween(9_000L, 11_000L);
        }
    }

    @Test
    void shouldProduceKeysInTimeAndLexicographicOrder() {
        KeyDistribution sequential = KeyDistribution.parse("sequential-time", 10);
        SplittableRandom random = new SplittableRandom(3);
        String previous = "";
        for (int i = 0; i < 1000; i++) {
            String key = sequential.key(sequential.next(random));
            assertThat(key).isGreaterThan(previous);
            previous = key;
        }
    }

    @Test
    void shouldExplainAnUnknownDistribution() {
        assertThatThrownBy(() -> KeyDistribution.parse("gauss", 10)).hasMessageContaining("gauss");
        assertThatThrownBy(() -> KeyDistribution.parse("zipf:-1", 10)).hasMessageContaining("> 0");
    }
}
