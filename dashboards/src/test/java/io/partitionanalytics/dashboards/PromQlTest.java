package io.partitionanalytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindTheSelectorsOfAnExpression() {
        String expr = "sum by (topic) (kafka_lag{job=\"a\", client_id=~\".+-StreamThread-[0-9]+-consumer\"}) > 10000\n"
                + "and on (strategy) sum by (topic) (delta(kafka_lag{job=\"a\"}[10m])) > 0 or time() - up offset 5m";

        assertThat(PromQl.selectors(expr))
                .containsExactly(
                        "kafka_lag{job=\"a\", client_id=~\".+-StreamThread-[0-9]+-consumer\"}",
                        "kafka_lag{job=\"a\"}",
                        "up");
    }

    @Test
    void shouldSubstituteGrafanaVariables() {
        Map<String, String> variables = Map.of("strategy", "jump", "__rate_interval", "15s", "__range", "2m");

        assertThat(PromQl.substitute("rate(x{s=\"$strategy\"}[$__rate_interval]) + increase(y[${__range}])", variables))
                .isEqualTo("rate(x{s=\"jump\"}[15s]) + increase(y[2m])");
        assertThatThrownBy(() -> PromQl.substitute("x[$__interval]", variables))
                .hasMessageContaining("unknown Grafana variable");
    }
}
