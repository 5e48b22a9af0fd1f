package io.partitionanalytics.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.app.Topics;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.serde.Encodings;
import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import io.partitionanalytics.serde.registry.RegistryHealth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry outage on a real broker, longer than the transaction timeout: records that need the registry
 * are not dead-lettered while it is unreachable; the stream thread waits, health says so, and once the registry
 * answers every event is counted, none twice, and the application is still running.
 */
@Timeout(180)
class RegistryOutageIT {

    private static final int PARTITIONS = 3;
    private static final String INPUT = "message-events";
    private static final String DLQ = "partition-analytics-dlq";

    private static EmbeddedKafkaBroker broker;
    private static FakeSchemaRegistry registry;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        registry = FakeSchemaRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void shouldWaitForAnUnreachableRegistryAndLoseNothing(@TempDir Path stateDir) throws Exception {
        // Given: the application running on events of schema v1 (already resolved)
        int v1Id = registry.register("message-events-value", Encodings.V1);
        int v2Id = registry.register("message-events-value", Encodings.V2);
        TopicAdmin.ensureTopic(
                TopicAdmin.clientProps(broker.bootstrapServers()), INPUT, PARTITIONS, Map.of("retention.ms", "-1"));
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "registry-outage-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed");
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, "2000");
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, "1000");
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "2000");
        // A free port: 8080 may be taken on a shared machine.
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        props.put(AnalyticsConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url().toString());
        props.put(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_CONFIG, "1000");
        props.put(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        // The outage below outlasts the thread's transaction: Kafka Streams aborts it and the work is redone.
        props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), "5000");
        AnalyticsConfig config = new AnalyticsConfig(props);
        long base = System.currentTimeMillis() - 20_000;
        int sent = 0;
        try (AnalyticsApp app = AnalyticsApp.start(config);
                KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 200; i++, sent++) {
                producer.send(event(Encodings.confluent(v1Id, Encodings.v1("a-" + i, "c-" + i % 20, base + sent, 10))));
            }
            producer.flush();
            await(() -> inputFullyCommitted(config.applicationId()));

            // When: the registry stops answering, and events of a schema id not resolved yet arrive (with others)
            registry.stopServer();
            for (int i = 0; i < 300; i++, sent++) {
                byte[] value = i % 3 == 0
                        ? Encodings.singleObject(Encodings.v2("b-" + i, "c-" + i % 20, base + sent, 10, null))
                        : Encodings.confluent(v2Id, Encodings.v2("b-" + i, "c-" + i % 20, base + sent, 10, "eu"));
                producer.send(event(value));
            }
            producer.flush();

            // Then: health reports the outage, processing waits, nothing goes to the dead-letter topic
            await(() -> !app.registryHealth().isHealthy());
            RegistryHealth.Snapshot health = app.registryHealth().snapshot();
            assertThat(health.status()).isEqualTo(RegistryHealth.Status.UNREACHABLE);
            assertThat(health.lastError()).isNotBlank();
            // (kept down longer than the 5 s transaction timeout)
            Thread.sleep(7_000);
            assertThat(inputFullyCommitted(config.applicationId())).isFalse();
            assertThat(committedDeadLetters()).isZero();
            assertThat(app.registryHealth().isHealthy()).isFalse();
            assertThat(app.streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);

            // When: the registry answers again
            registry.resume();

            // Then: processing goes on by itself and every event is counted exactly once, none dead-lettered
            await(() -> app.registryHealth().isHealthy());
            await(() -> inputFullyCommitted(config.applicationId()));
            assertThat(countLoads(config, sent)).isEqualTo(sent);
            assertThat(committedDeadLetters()).isZero();
            assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    private static ProducerRecord<byte[], byte[]> event(byte[] value) {
        return new ProducerRecord<>(INPUT, ("c-" + (value.length % 20)).getBytes(StandardCharsets.UTF_8), value);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                TopicAdmin.clientProps(broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static boolean inputFullyCommitted(String groupId) throws Exception {
        try (Admin admin = Admin.create(TopicAdmin.clientProps(broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(INPUT, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return ends.entrySet().stream()
                    .allMatch(end -> committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue());
        }
    }

    /** Committed records on the dead-letter topic (aborted writes, if any, do not count). */
    private static long committedDeadLetters() {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                props,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DLQ).stream()
                    .map(info -> new TopicPartition(DLQ, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static long countLoads(AnalyticsConfig config, long expected) {
        Topics topics = Topics.from(config);
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "registry-outage-it-loads");
        long counted = 0;
        try (KafkaConsumer<String, PartitionLoad> consumer = new KafkaConsumer<>(
                props,
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.partitionLoad().name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (counted < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    counted += record.value().getEvents();
                }
            }
            for (int i = 0; i < 4; i++) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    counted += record.value().getEvents();
                }
            }
        }
        return counted;
    }

    interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (!condition.met()) {
            assertThat(System.currentTimeMillis())
                    .as("condition not met in time")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
