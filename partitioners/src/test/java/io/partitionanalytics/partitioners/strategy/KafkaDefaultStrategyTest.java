package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.TestKeys;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaDefaultStrategyTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 12, 100, 1000, 65_521})
    void shouldEqualKafkasBuiltInPartitionerForManyKeys(int n) {
        // Given
        KafkaDefaultStrategy strategy = new KafkaDefaultStrategy(n);

        for (byte[] key : TestKeys.randomBytes(n, 100_000, 64)) {
            // When / Then
            assertThat(strategy.partition(key, 0L, Double.NaN, Double.NaN))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, n));
        }
        for (byte[] key : TestKeys.nonAsciiText(n, 10_000)) {
            assertThat(strategy.partition(key, 0L, Double.NaN, Double.NaN))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key, n));
        }
    }
}
