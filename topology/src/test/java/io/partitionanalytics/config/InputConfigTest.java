package io.partitionanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.input.DeadLetterExceptionHandler;
import io.partitionanalytics.input.InputTimestampExtractor;
import io.partitionanalytics.serde.Formats;
import io.partitionanalytics.serde.WireFormat;
import io.partitionanalytics.serde.registry.RegistryHealth;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The input-format, dead-letter and schema-registry settings. */
class InputConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        return props;
    }

    @Test
    void shouldReadAnyFormatWithoutARegistryByDefault() {
        AnalyticsConfig config = new AnalyticsConfig(valid());

        assertThat(config.inputFormat()).isEqualTo("auto");
        assertThat(config.inputMaxRecordBytes()).isEqualTo(1_048_576);
        assertThat(config.inputMaxFutureSkewMs()).isEqualTo(60_000L);
        assertThat(config.schemaRegistryUrls()).isEmpty();
        try (Formats formats = Formats.from(config)) {
            assertThat(formats.inputFormat()).isEqualTo(WireFormat.AUTO);
            assertThat(formats.registry()).isEmpty();
            assertThat(formats.registryHealth().snapshot().status()).isEqualTo(RegistryHealth.Status.NOT_CONFIGURED);
        }
    }

    @Test
    void shouldSetTheDeadLetterHandlingOfKafkaStreams() {
        AnalyticsConfig config = new AnalyticsConfig(valid());

        assertThat(config.streamsProperties())
                .containsEntry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterExceptionHandler.class.getName())
                .containsEntry(
                        StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, InputTimestampExtractor.class.getName())
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "partition-analytics-dlq");
    }

    @Test
    void shouldKeepRegistrySettingsAndCredentialsOutOfTheKafkaStreamsSettings() {
        Map<String, String> props = valid();
        props.put("schema.registry.url", "https://registry-1:8081,https://registry-2:8081");
        props.put("basic.auth.user.info", "analytics:s3cret");
        props.put("schema.registry.ssl.truststore.password", "changeit");

        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThat(config.schemaRegistryUrls()).containsExactly("https://registry-1:8081", "https://registry-2:8081");
        assertThat(config.password("basic.auth.user.info")).isEqualTo("analytics:s3cret");
        assertThat(config.streamsProperties().keySet())
                .noneMatch(key -> key.toString().startsWith("schema.registry")
                        || key.toString().equals("basic.auth.user.info"));
        assertThat(config.getPassword("basic.auth.user.info").toString()).doesNotContain("s3cret");
        try (Formats formats = Formats.from(config)) {
            assertThat(formats.registry()).isPresent();
            assertThat(formats.registryHealth().snapshot().status()).isEqualTo(RegistryHealth.Status.UNKNOWN);
        }
    }

    @Test
    void shouldRefuseAnUnknownInputFormatNamingTheKey() {
        Map<String, String> props = valid();
        props.put("input.format", "protobuf");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("input.format");
    }

    @Test
    void shouldRequireARegistryForConfluentInput() {
        Map<String, String> props = valid();
        props.put("input.format", "confluent");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("input.format")
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRefuseARegistryUrlThatIsNotHttp() {
        Map<String, String> props = valid();
        props.put("schema.registry.url", "registry:8081");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRefuseABackoffLongerThanItsMaximum() {
        Map<String, String> props = valid();
        props.put("schema.registry.url", "http://registry:8081");
        props.put("schema.registry.retry.backoff.ms", "5000");
        props.put("schema.registry.retry.backoff.max.ms", "1000");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.retry.backoff.ms");
    }

    @Test
    void shouldNameTheRegistryTlsSettingThatCannotBeUsed() {
        Map<String, String> props = valid();
        props.put("schema.registry.url", "https://registry:8081");
        props.put("schema.registry.ssl.truststore.location", "/no/such/truststore.jks");

        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThatThrownBy(() -> Formats.from(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS")
                .hasMessageContaining("truststore.jks");
    }
}
