package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void shouldReadDurationsAsPeopleWriteThem() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("40s")).isEqualTo(Duration.ofSeconds(40));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT40S")).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void shouldExplainWhatItCannotRead() {
        assertThatThrownBy(() -> converter.convert("forty"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("forty");
    }
}
