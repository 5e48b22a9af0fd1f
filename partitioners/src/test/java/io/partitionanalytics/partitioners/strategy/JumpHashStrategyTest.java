package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import io.partitionanalytics.partitioners.TestKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JumpHashStrategyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 12, 100, 1000, 100_000})
    void shouldEqualGuavaConsistentHashOfMurmur3_128(int n) {
        // Given
        JumpHashStrategy strategy = new JumpHashStrategy(n);

        for (byte[] key : TestKeys.randomBytes(n, 50_000, 64)) {
            // When
            int partition = strategy.partition(key, 0L, Double.NaN, Double.NaN);

            // Then: the contract written in DESIGN.md, checked against Guava itself
            assertThat(partition)
                    .isEqualTo(Hashing.consistentHash(
                            Hashing.murmur3_128().hashBytes(key).asLong(), n));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12, 50})
    void shouldMoveAboutOneOverNPlusOneOfKeysWhenAPartitionIsAdded(int n) {
        // Given
        JumpHashStrategy before = new JumpHashStrategy(n);
        JumpHashStrategy after = new JumpHashStrategy(n + 1);
        var keys = TestKeys.distinct(n, 100_000);
        int moved = 0;

        // When
        for (byte[] key : keys) {
            int from = before.partition(key, 0L, Double.NaN, Double.NaN);
            int to = after.partition(key, 0L, Double.NaN, Double.NaN);
            if (from != to) {
                moved++;
                // Then only to the new partition
                assertThat(to).isEqualTo(n);
            }
        }
        assertThat((double) moved / keys.size() * (n + 1)).isBetween(0.9, 1.1);
    }
}
