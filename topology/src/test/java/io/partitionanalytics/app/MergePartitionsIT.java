package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partials' topic gets one partition per merge route, and a run that would need another count stops at start. */
class MergePartitionsIT {

    private static final String INPUT = "merge-partitions-input";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.ensureTopic(TopicAdmin.clientProps(broker.bootstrapServers()), INPUT, 12, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static AnalyticsConfig config(String applicationId, Path stateDir, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AnalyticsConfig.INPUT_TOPIC_CONFIG, INPUT);
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        props.putAll(extra);
        return new AnalyticsConfig(props);
    }

    private static void awaitRunning(AnalyticsApp app) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.streams().state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void shouldGiveThePartialsOnePartitionPerMergeRoute(@TempDir Path stateDir) throws Exception {
        // Given the default strategies: observed has a route of its own, the six window-stable ones share one
        AnalyticsConfig config = config("merge-partitions-default", stateDir, Map.of());

        // When the application runs
        try (AnalyticsApp app = AnalyticsApp.start(config)) {
            awaitRunning(app);
        }

        // Then Kafka Streams created the partials' topic with two partitions, not the input's twelve
        assertThat(TopicAdmin.partitionsOf(
                        TopicAdmin.clientProps(broker.bootstrapServers()),
                        AnalyticsApp.partialsTopic("merge-partitions-default")))
                .hasSize(2);
    }

    @Test
    void shouldStopAtStartNamingTheSettingWhenThePartialsTopicHasAnotherCount(@TempDir Path stateDir) throws Exception {
        // Given the partials' topic of an earlier version, with as many partitions as the input
        String applicationId = "merge-partitions-upgrade";
        Properties client = TopicAdmin.clientProps(broker.bootstrapServers());
        TopicAdmin.ensureTopic(client, AnalyticsApp.partialsTopic(applicationId), 12, Map.of());

        // When / Then the default (one per route: 2) is refused, with what to do
        assertThatThrownBy(() -> AnalyticsApp.start(config(applicationId, stateDir, Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AnalyticsConfig.MERGE_PARTITIONS_CONFIG)
                .hasMessageContaining("gives 2 partitions")
                .hasMessageContaining("which has 12")
                .hasMessageContaining("kafka-streams-application-reset --application-id " + applicationId);

        // and a count that matches the topic's runs
        try (AnalyticsApp app = AnalyticsApp.start(
                config(applicationId, stateDir, Map.of(AnalyticsConfig.MERGE_PARTITIONS_CONFIG, "12")))) {
            awaitRunning(app);
        }
    }
}
