package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.config.AnalyticsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partials' topic gets one partition per merge route, is created before Kafka Streams starts (with the settings
 * Streams would give it), and a run that would need another count stops at start, also when another instance created
 * the topic while this one was starting.
 */
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
    void shouldCreateThePartialsTopicAsKafkaStreamsWouldSoThatAFirstStartRebalancesOnce(@TempDir Path stateDir)
            throws Exception {
        // Given the default strategies: observed has a route of its own, the six window-stable ones share one
        AnalyticsConfig config = config("merge-partitions-default", stateDir, Map.of());

        // When the application runs for the first time
        double rebalances;
        try (AnalyticsApp app = AnalyticsApp.start(config)) {
            awaitRunning(app);
            // A second rebalance, were the topic to appear only now, would follow within moments: give it two seconds.
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until && rebalances(app.streams()) < 2) {
                Thread.sleep(100);
            }
            rebalances = rebalances(app.streams());
        }

        // Then the partials' topic has two partitions, not the input's twelve,
        String partials = AnalyticsApp.partialsTopic("merge-partitions-default");
        Properties client = TopicAdmin.clientProps(broker.bootstrapServers());
        assertThat(TopicAdmin.partitionsOf(client, partials)).hasSize(2);
        // the settings Kafka Streams gives a repartition topic that it creates itself,
        assertThat(topicSettings(client, partials))
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .isEqualTo(topicSettings(client, repartitionTopicCreatedByKafkaStreams(stateDir)));
        // and the group needed one rebalance: none for the topic appearing while the first one ran
        assertThat(rebalances).isEqualTo(1.0);
    }

    /** The total of the main consumers' {@code rebalance-total}: completed rebalances of the group. */
    private static double rebalances(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("consumer-coordinator-metrics")
                        && e.getKey().name().equals("rebalance-total"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    /** A topology with a repartition of its own, run until RUNNING: Kafka Streams creates that topic. */
    private static String repartitionTopicCreatedByKafkaStreams(Path stateDir) throws Exception {
        String applicationId = "merge-partitions-reference";
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .repartition(Repartitioned.<byte[], byte[]>as("reference")
                        .withKeySerde(Serdes.ByteArray())
                        .withValueSerde(Serdes.ByteArray())
                        .withNumberOfPartitions(2))
                .foreach((key, value) -> {});
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("reference").toString());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
        return applicationId + "-reference-repartition";
    }

    /** A topic's settings that differ from the broker's defaults: the ones given when it was created. */
    private static Map<String, String> topicSettings(Properties client, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(client)) {
            return admin
                    .describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .entries()
                    .stream()
                    .filter(entry -> entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        }
    }

    @Test
    void shouldStopAtStartNamingTheSettingWhenThePartialsTopicHasAnotherCount(@TempDir Path stateDir) throws Exception {
        // Given the partials' topic of an earlier version, with as many partitions as the input
        String applicationId = "merge-partitions-upgrade";
        Properties client = TopicAdmin.clientProps(broker.bootstrapServers());
        TopicAdmin.ensureTopic(client, AnalyticsApp.partialsTopic(applicationId), 12, Map.of());
        String httpPort = String.valueOf(FreePort.onLoopback());

        // When / Then the default (one per route: 2) is refused, with what to do
        assertThatThrownBy(() -> AnalyticsApp.start(
                        config(applicationId, stateDir, Map.of(AnalyticsConfig.HTTP_PORT_CONFIG, httpPort))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AnalyticsConfig.MERGE_PARTITIONS_CONFIG)
                .hasMessageContaining("gives 2 partitions")
                .hasMessageContaining("which has 12")
                .hasMessageContaining("kafka-streams-application-reset --application-id " + applicationId);

        // and a count that matches the topic's runs, on the HTTP port the refused start had bound meanwhile and let go
        try (AnalyticsApp app = AnalyticsApp.start(config(
                applicationId,
                stateDir,
                Map.of(AnalyticsConfig.MERGE_PARTITIONS_CONFIG, "12", AnalyticsConfig.HTTP_PORT_CONFIG, httpPort)))) {
            awaitRunning(app);
            assertThat(app.httpPort()).isEqualTo(Integer.parseInt(httpPort));
        }
    }

    @Test
    void shouldTakeTopicsThatAnotherInstanceCreatedMeanwhileCheckingThePartialsTopicsCount(@TempDir Path stateDir)
            throws Exception {
        // Given topics that were missing when listed, but that another instance, starting at the same moment, has
        // created since: an output topic, and the partials' topic once with the count wanted and once with another
        AnalyticsConfig config = config("merge-partitions-race", stateDir, Map.of());
        AnalyticsConfig otherConfig = config("merge-partitions-race-other", stateDir, Map.of());
        String partials = AnalyticsApp.partialsTopic("merge-partitions-race");
        String otherPartials = AnalyticsApp.partialsTopic("merge-partitions-race-other");
        String output = "merge-partitions-race-load";
        Properties client = TopicAdmin.clientProps(broker.bootstrapServers());
        TopicAdmin.ensureTopic(client, partials, 2, Map.of());
        TopicAdmin.ensureTopic(client, otherPartials, 12, Map.of());
        TopicAdmin.ensureTopic(client, output, 3, Map.of());
        StreamsConfig streamsConfig = new StreamsConfig(config.streamsProperties());

        try (Admin admin = Admin.create(client)) {
            // When / Then: with the count wanted, the start goes on, and nothing already there is changed
            AnalyticsApp.createTopics(
                    admin,
                    config,
                    List.of(
                            new NewTopic(output, 1, (short) 1),
                            AnalyticsApp.repartitionTopic(partials, 2, streamsConfig),
                            new NewTopic("merge-partitions-race-hotspots", 1, (short) 1)),
                    2);
            assertThat(TopicAdmin.partitionsOf(client, output)).hasSize(3);
            assertThat(TopicAdmin.partitionsOf(client, "merge-partitions-race-hotspots"))
                    .hasSize(1);

            // and with another count it stops, naming the setting, as when the topic was there at the listing
            assertThatThrownBy(() -> AnalyticsApp.createTopics(
                            admin,
                            otherConfig,
                            List.of(AnalyticsApp.repartitionTopic(otherPartials, 2, streamsConfig)),
                            2))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(AnalyticsConfig.MERGE_PARTITIONS_CONFIG)
                    .hasMessageContaining("gives 2 partitions")
                    .hasMessageContaining("which has 12");
        }
    }
}
