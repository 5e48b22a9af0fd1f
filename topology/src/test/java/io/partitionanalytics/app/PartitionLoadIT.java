package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.schemas.KeyLoad;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.serde.AvroSerdes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on a real broker: a known, skewed set of events over 12 partitions and several windows, out of order
 * within grace and some later than grace; for every default strategy, window and partition the emitted events and
 * bytes must equal an independent computation with the strategy functions, late events must be counted in the
 * metric, and the sketches must hold their bounds.
 */
@Timeout(300)
class PartitionLoadIT {

    private static final int PARTITIONS = 12;
    private static final long WINDOW = 2_000;
    private static final long GRACE = 1_000;
    private static final int EVENTS = 300_000;
    private static final int WINDOWS = 8;
    private static final String TOPIC = "message-events";
    private static final String HOT = "c-hot";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldCountEveryEventOfEveryStrategyWindowAndPartitionExactly(@TempDir Path stateDir) throws Exception {
        // Given: 300,000 events, a fifth on one channel, over 8 windows, out of order within grace, 1% later than that
        TopicAdmin.ensureTopic(
                TopicAdmin.clientProps(broker.bootstrapServers()), TOPIC, PARTITIONS, Map.of("retention.ms", "-1"));
        long base = System.currentTimeMillis() - 60_000;
        base -= Math.floorMod(base, WINDOW);
        SplittableRandom random = new SplittableRandom(7);
        List<Future<RecordMetadata>> sent = new ArrayList<>(EVENTS);
        List<MessageEvent> events = new ArrayList<>(EVENTS);
        try (KafkaProducer<byte[], MessageEvent> producer = producer()) {
            for (int i = 0; i < EVENTS; i++) {
                String channel = random.nextInt(5) == 0 ? HOT : "c-" + random.nextInt(5_000);
                long now = base + (long) i * (WINDOWS * WINDOW) / EVENTS;
                long timestamp = random.nextInt(100) == 0
                        ? now - WINDOW - GRACE - 500 - random.nextLong(1_000)
                        : now - random.nextLong((long) (GRACE * 0.8));
                MessageEvent event = MessageEvent.newBuilder()
                        .setEventId("e-" + i)
                        .setChannelId(channel)
                        .setGuildId("g")
                        .setUserId("u")
                        .setTimestampMs(Math.max(base, timestamp))
                        .setPayloadBytes(1 + random.nextInt(500))
                        .build();
                events.add(event);
                sent.add(producer.send(new ProducerRecord<>(TOPIC, channel.getBytes(StandardCharsets.UTF_8), event)));
            }
            producer.flush();
        }
        ExpectedLoads expected = expectedLoads(events, sent);
        assertThat(expected.late).as("the test makes some events late").isGreaterThan(1_000);

        // When: the pipeline runs over it with every default strategy
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "partition-load-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, String.valueOf(GRACE));
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "3000");
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        Map<String, Map<Integer, PartitionLoad>> rows = new HashMap<>();
        double lateMetric;
        JsonNode latestFromApi;
        String metrics;
        String lastWindowKey;
        try (AnalyticsApp app = AnalyticsApp.start(new AnalyticsConfig(props));
                KafkaConsumer<String, PartitionLoad> consumer = loadConsumer(app.config())) {
            long deadline = System.currentTimeMillis() + 180_000;
            while (!expected.complete(rows, expected.events.keySet()) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    PartitionLoad row = record.value();
                    String key = row.getStrategy() + "@" + row.getWindowStartMs();
                    PartitionLoad previous =
                            rows.computeIfAbsent(key, k -> new HashMap<>()).put(row.getPartition(), row);
                    assertThat(previous)
                            .as("%s/%d emitted twice", key, row.getPartition())
                            .isNull();
                }
            }
            lateMetric = app.streams().metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("late-events-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
            long lastWindow = expected.events.keySet().stream()
                    .filter(k -> k.startsWith("murmur3-channel@"))
                    .mapToLong(k -> Long.parseLong(k.substring(k.indexOf('@') + 1)))
                    .max()
                    .orElseThrow();
            lastWindowKey = "murmur3-channel@" + lastWindow;
            latestFromApi = getJson(app.httpPort(), "/api/load?strategy=murmur3-channel");
            metrics = getText(app.httpPort(), "/metrics");
        }

        // Then: events and bytes exact for every strategy, window and partition; late events counted, not added
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected.events.keySet());
        expected.assertExact(rows, expected.events.keySet());
        assertThat(lateMetric).isEqualTo((double) expected.late);

        // Distinct keys within the HLL's bounds (about 95% each) and close; heavy keys inside their hard bounds.
        int rowsChecked = 0;
        int withinBounds = 0;
        for (var window : expected.keyCounts.entrySet()) {
            for (var partition : window.getValue().entrySet()) {
                PartitionLoad row = rows.get(window.getKey()).get(partition.getKey());
                Map<String, Long> truth = partition.getValue();
                rowsChecked++;
                if (row.getDistinctKeysLower() <= truth.size() && truth.size() <= row.getDistinctKeysUpper()) {
                    withinBounds++;
                }
                assertThat((double) row.getDistinctKeys())
                        .isCloseTo(
                                truth.size(), org.assertj.core.data.Offset.offset(Math.max(3.0, truth.size() * 0.1)));
                for (KeyLoad key : row.getTopKeys()) {
                    long actual = truth.getOrDefault(key.getKey(), 0L);
                    assertThat(actual)
                            .as("%s in %s/%d", key.getKey(), window.getKey(), partition.getKey())
                            .isBetween(key.getLowerBound(), key.getUpperBound());
                }
                if (truth.getOrDefault(HOT, 0L) > row.getEvents() / 4) {
                    assertThat(row.getTopKeys().get(0).getKey()).isEqualTo(HOT);
                }
            }
        }
        assertThat((double) withinBounds / rowsChecked).isGreaterThan(0.9);

        // Prometheus: the latest window per strategy and partition, the skew, JVM and Streams metrics. (Task-level
        // Streams metrics such as late-events reach /metrics at the binder's next refresh, within a minute.)
        assertThat(metrics)
                .contains("partition_analytics_partition_events{partition=\"0\",strategy=\"murmur3-channel\"}")
                .contains("partition_analytics_partition_ratio_to_mean{partition=\"11\",strategy=\"jump\"}")
                .contains("partition_analytics_strategy_max_to_mean{strategy=\"observed\"}")
                .contains("kafka_stream_thread_process_total")
                .contains("jvm_memory_used_bytes");

        // The API serves the latest closed window of the strategy, as emitted.
        assertThat(latestFromApi.get("strategy").asText()).isEqualTo("murmur3-channel");
        String apiWindowKey =
                "murmur3-channel@" + latestFromApi.get("window_start_ms").asLong();
        assertThat(apiWindowKey).isEqualTo(lastWindowKey);
        for (JsonNode partition : latestFromApi.get("partitions")) {
            int p = partition.get("partition").asInt();
            assertThat(partition.get("events").asLong())
                    .isEqualTo(expected.events.get(lastWindowKey)[p]);
        }
    }

    /** Per input partition in offset order, as the pipeline reads them: late or counted, under every strategy. */
    private static ExpectedLoads expectedLoads(List<MessageEvent> events, List<Future<RecordMetadata>> sent)
            throws Exception {
        ExpectedLoads expected = new ExpectedLoads(AnalyticsConfig.DEFAULT_STRATEGIES, PARTITIONS, WINDOW, GRACE);
        // One producer, idempotent: the send order is the offset order within each partition.
        for (int i = 0; i < events.size(); i++) {
            expected.add(events.get(i), sent.get(i).get().partition());
        }
        return expected;
    }

    private static String getText(int port, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static JsonNode getJson(int port, String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static KafkaProducer<byte[], MessageEvent> producer() {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        return new KafkaProducer<>(
                props,
                new ByteArraySerializer(),
                AvroSerdes.singleObject(MessageEvent.class).serializer());
    }

    private static KafkaConsumer<String, PartitionLoad> loadConsumer(AnalyticsConfig config) {
        Topics topics = Topics.from(config);
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "partition-load-it-reader");
        KafkaConsumer<String, PartitionLoad> consumer = new KafkaConsumer<>(
                props,
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer());
        consumer.subscribe(List.of(topics.partitionLoad().name()));
        return consumer;
    }
}
