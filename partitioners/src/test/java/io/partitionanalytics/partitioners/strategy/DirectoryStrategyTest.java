package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryStrategyTest {

    @Test
    void shouldPlaceEveryOverriddenKeyExactlyAndEveryOtherKeyByTheFallback() {
        // Given 500 overrides over a murmur3 fallback
        Murmur3ChannelStrategy fallback = new Murmur3ChannelStrategy(12);
        List<byte[]> keys = TestKeys.channels(5_000);
        List<DirectoryStrategy.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            entries.add(new DirectoryStrategy.Entry(keys.get(i * 10), i % 12));
        }
        DirectoryStrategy directory = new DirectoryStrategy(12, entries, fallback);

        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            // When
            int partition = directory.partition(key, 0L, Double.NaN, Double.NaN);

            // Then
            int expected = i % 10 == 0 ? (i / 10) % 12 : fallback.partition(key, 0L, Double.NaN, Double.NaN);
            assertThat(partition).as("key %d", i).isEqualTo(expected);
        }
        assertThat(directory.size()).isEqualTo(500);
    }

    @Test
    void shouldMatchWholeKeysOnly() {
        // Given
        DirectoryStrategy directory = new DirectoryStrategy(
                12, List.of(new DirectoryStrategy.Entry(utf8("hot"), 11)), new JumpHashStrategy(12));
        JumpHashStrategy fallback = new JumpHashStrategy(12);

        // When / Then
        assertThat(directory.partition(utf8("hot"), 0L, Double.NaN, Double.NaN)).isEqualTo(11);
        for (String near : new String[] {"ho", "hot ", "hott", "Hot", ""}) {
            assertThat(directory.partition(utf8(near), 0L, Double.NaN, Double.NaN))
                    .isEqualTo(fallback.partition(utf8(near), 0L, Double.NaN, Double.NaN));
        }
    }

    @Test
    void shouldRejectBadEntries() {
        KafkaDefaultStrategy fallback = new KafkaDefaultStrategy(4);
        assertThatThrownBy(() -> new DirectoryStrategy(4, List.of(new DirectoryStrategy.Entry(utf8("a"), 4)), fallback))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'directory'")
                .hasMessageContaining("'entries'")
                .hasMessageContaining("outside [0, 4)");
        assertThatThrownBy(() -> new DirectoryStrategy(
                        4,
                        List.of(new DirectoryStrategy.Entry(utf8("a"), 1), new DirectoryStrategy.Entry(utf8("a"), 2)),
                        fallback))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("0x61 appears more than once");
        assertThatThrownBy(() -> new DirectoryStrategy(5, List.of(), fallback))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'fallback'");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
