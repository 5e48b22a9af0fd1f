package io.partitionanalytics.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyArgumentsTest {

    @Test
    void shouldGroupPrefixedOptionsByStrategy() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("consistent-hash.vnodes", "32");
        given.put("time-bucket.bucket.ms", "1000");
        given.put("directory.fallback.vnodes", "8");

        Map<String, Map<String, String>> grouped =
                StrategyArguments.byStrategy(given, List.of("consistent-hash", "time-bucket", "directory"));

        assertThat(grouped)
                .containsEntry("consistent-hash", Map.of("vnodes", "32"))
                .containsEntry("time-bucket", Map.of("bucket.ms", "1000"))
                .containsEntry("directory", Map.of("fallback.vnodes", "8"));
    }

    @Test
    void shouldRefuseOptionsForNoStrategyOrAnUnselectedOne() {
        assertThatThrownBy(() -> StrategyArguments.byStrategy(Map.of("vnodes", "32"), List.of("consistent-hash")))
                .hasMessageContaining("--option vnodes")
                .hasMessageContaining("consistent-hash.vnodes=32");
        assertThatThrownBy(() -> StrategyArguments.byStrategy(Map.of("consistent-hash.vnodes", "32"), List.of("jump")))
                .hasMessageContaining("not among those simulated");
    }

    @Test
    void shouldAcceptBareOrPrefixedOptionsForOneStrategy() {
        assertThat(StrategyArguments.forStrategy(
                        "consistent-hash", Map.of("consistent-hash.vnodes", "32", "seed", "3")))
                .isEqualTo(Map.of("vnodes", "32", "seed", "3"));
    }
}
