package io.partitionanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.load.StrategySet;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        return props;
    }

    @Test
    void shouldApplyDefaultsAndPassOtherKeysToKafkaStreams() {
        Map<String, String> props = valid();
        props.put("num.stream.threads", "2");

        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThat(config.inputTopic()).isEqualTo("message-events");
        assertThat(config.windowSizeMs()).isEqualTo(2000L);
        assertThat(config.streamsProperties())
                .containsEntry("num.stream.threads", "2")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "partition-analytics-dlq")
                .doesNotContainKey(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG);
    }

    @Test
    void shouldShortenKafkaStreamsStartUpWaitsUnlessSetOtherwise() {
        assertThat(new AnalyticsConfig(valid()).streamsProperties())
                .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 10L)
                .containsEntry("restore.consumer.fetch.max.wait.ms", 50);

        Map<String, String> props = valid();
        props.put(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250");
        props.put("restore.consumer.fetch.max.wait.ms", "500");
        assertThat(new AnalyticsConfig(props).streamsProperties())
                .containsEntry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, "250")
                .containsEntry("restore.consumer.fetch.max.wait.ms", "500");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        Map<String, String> props = valid();
        props.put("window.size.ms", "ten");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.size.ms");
    }

    @Test
    void shouldRefuseAFlushIntervalLongerThanTheWindow() {
        Map<String, String> props = valid();
        props.put("window.size.ms", "1000");
        props.put("combine.flush.interval.ms", "2000");

        assertThatThrownBy(() -> new AnalyticsConfig(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("combine.flush.interval.ms");
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> new AnalyticsConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldNameTheStrategyOptionThatIsInvalid() {
        Map<String, String> props = valid();
        props.put("analysis.strategies", "observed,murmur3-channel");
        props.put("strategy.murmur3-channel.partitions", "-3");
        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThatThrownBy(() -> StrategySet.resolve(config, 12))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategy.murmur3-channel.partitions");
    }

    @Test
    void shouldRejectAnUnknownStrategyNamingTheKey() {
        Map<String, String> props = valid();
        props.put("analysis.strategies", "observed,no-such-strategy");
        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThatThrownBy(() -> StrategySet.resolve(config, 12))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("analysis.strategies");
    }

    @Test
    void shouldRejectOptionsOfAStrategyThatIsNotConfigured() {
        Map<String, String> props = valid();
        props.put("strategy.jupm.partitions", "8");
        AnalyticsConfig config = new AnalyticsConfig(props);

        assertThatThrownBy(() -> StrategySet.resolve(config, 12))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("strategy.jupm.partitions");
    }
}
