package io.partitionanalytics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyTrafficTest {

    @Test
    void shouldShowTextKeysAsTextAndBinaryKeysAsHex() {
        assertThat(KeyTraffic.of("c-42", 1, 1).keyText()).isEqualTo("c-42");
        assertThat(KeyTraffic.of("Zürich", 1, 1).keyText()).isEqualTo("Zürich");
        assertThat(new KeyTraffic(new byte[] {(byte) 0xff, 0x01}, 1, 1).keyText())
                .isEqualTo("0xff01");
        assertThat(new KeyTraffic(new byte[] {'a', '\n'}, 1, 1).keyText()).isEqualTo("0x610a");
    }

    @Test
    void shouldCompareByKeyContentAndCounts() {
        assertThat(KeyTraffic.of("a", 1, 2)).isEqualTo(new KeyTraffic(new byte[] {'a'}, 1, 2));
        assertThat(KeyTraffic.of("a", 1, 2)).hasSameHashCodeAs(new KeyTraffic(new byte[] {'a'}, 1, 2));
        assertThat(KeyTraffic.of("a", 1, 2)).isNotEqualTo(KeyTraffic.of("a", 1, 3));
    }

    @Test
    void shouldRejectNegativeCounts() {
        assertThatThrownBy(() -> KeyTraffic.of("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
