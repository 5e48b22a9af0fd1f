package io.partitionanalytics.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void shouldReadEpochMillisAndIsoInstants() {
        assertThat(Timestamps.parse("1735689600000")).isEqualTo(1_735_689_600_000L);
        assertThat(Timestamps.parse(" -5 ")).isEqualTo(-5L);
        assertThat(Timestamps.parse("2025-01-01T00:00:00Z")).isEqualTo(1_735_689_600_000L);
        assertThat(Timestamps.parse("2025-01-01T01:00:00.250+01:00")).isEqualTo(1_735_689_600_250L);
    }

    @Test
    void shouldExplainWhatItCannotRead() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday"))
                .hasMessageContaining("'yesterday'")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Timestamps.parse("99999999999999999999")).hasMessageContaining("out of range");
    }
}
