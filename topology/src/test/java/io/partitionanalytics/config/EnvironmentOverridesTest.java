package io.partitionanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    @Test
    void shouldMapKafkaVariablesOntoKeysAndOverrideTheFile() {
        // Given
        Properties file = new Properties();
        file.put("bootstrap.servers", "from-file:9092");
        file.put("window.size.ms", "5000");

        // When
        Properties merged = EnvironmentOverrides.apply(
                file,
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "from-env:9092",
                        "KAFKA_STRATEGY_CONSISTENT___HASH_VNODES", "64",
                        "KAFKA_SASL__MECHANISM_X", "x",
                        "PATH", "/usr/bin"));

        // Then
        assertThat(merged)
                .containsEntry("bootstrap.servers", "from-env:9092")
                .containsEntry("window.size.ms", "5000")
                .containsEntry("strategy.consistent-hash.vnodes", "64")
                .containsEntry("sasl_mechanism.x", "x")
                .doesNotContainKey("path");
    }
}
