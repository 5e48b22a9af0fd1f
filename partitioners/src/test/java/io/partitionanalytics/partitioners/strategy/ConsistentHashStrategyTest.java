package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.TestKeys;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import org.junit.jupiter.api.Test;

class ConsistentHashStrategyTest {

    @Test
    void shouldPlaceKeysOnTheRingOfItsPartitions() {
        // Given
        ConsistentHashStrategy strategy = new ConsistentHashStrategy(12, 32, 7);
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(12, 32, 7);

        for (byte[] key : TestKeys.randomBytes(4, 50_000, 40)) {
            // When / Then
            assertThat(strategy.partition(key, 0L, Double.NaN, Double.NaN))
                    .isEqualTo(ring.ownerOfKey(key, 0, key.length));
        }
        assertThat(strategy.numPartitions()).isEqualTo(12);
        assertThat(strategy.ring().vnodesPerNode()).isEqualTo(32);
    }

    @Test
    void shouldUseEveryPartition() {
        ConsistentHashStrategy strategy = new ConsistentHashStrategy(12, 256, 0);
        boolean[] used = new boolean[12];
        for (byte[] key : TestKeys.channels(10_000)) {
            used[strategy.partition(key, 0L, Double.NaN, Double.NaN)] = true;
        }
        assertThat(used).containsOnly(true);
    }

    @Test
    void shouldRejectTooManyVirtualNodes() {
        assertThatThrownBy(() -> new ConsistentHashStrategy(1_000, 1 << 15, 0))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("consistent-hash")
                .hasMessageContaining("vnodes");
    }
}
