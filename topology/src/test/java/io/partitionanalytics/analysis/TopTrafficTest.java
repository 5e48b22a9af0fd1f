package io.partitionanalytics.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopTrafficTest {

    @Test
    void shouldReturnTheHeaviestKeysHeaviestFirst() {
        // Given 1000 keys with k events each, shuffled
        List<KeyTraffic> keys = new ArrayList<>();
        for (int k = 1; k <= 1000; k++) {
            keys.add(KeyTraffic.of("k-" + k, k, 10L * k));
        }
        Collections.shuffle(keys, new Random(1));

        // When
        List<KeyTraffic> top = TopTraffic.heaviestKeys(keys, 3);

        // Then
        assertThat(top).extracting(KeyTraffic::keyText).containsExactly("k-1000", "k-999", "k-998");
    }

    @Test
    void shouldBreakTiesByBytesThenByKey() {
        List<KeyTraffic> keys = List.of(
                KeyTraffic.of("b", 5, 10),
                KeyTraffic.of("a", 5, 10),
                KeyTraffic.of("c", 5, 99),
                KeyTraffic.of("d", 1, 1));

        assertThat(TopTraffic.heaviestKeys(keys, 3))
                .extracting(KeyTraffic::keyText)
                .containsExactly("c", "a", "b");
    }

    @Test
    void shouldReturnFewerWhenThereAreFewer() {
        assertThat(TopTraffic.heaviestKeys(List.of(KeyTraffic.of("a", 1, 1)), 5))
                .hasSize(1);
        assertThat(TopTraffic.heaviestKeys(List.of(KeyTraffic.of("a", 1, 1)), 0))
                .isEmpty();
    }
}
