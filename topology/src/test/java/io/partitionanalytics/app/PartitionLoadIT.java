package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
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
 * The first pipeline on a real broker: a known set of events over 12 partitions, several windows, out-of-order
 * within grace; the counts in {@code partition-load} per strategy, window and partition must equal what was produced.
 */
@Timeout(180)
class PartitionLoadIT {

    private static final int PARTITIONS = 12;
    private static final long WINDOW = 2_000;
    private static final long GRACE = 1_000;
    private static final int EVENTS = 30_000;
    private static final String TOPIC = "message-events";

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
    void shouldCountEveryEventOfEveryWindowAndPartitionExactly(@TempDir Path stateDir) throws Exception {
        // Given: skewed traffic over 5 windows of event time, out of order within grace, on 12 partitions
        TopicAdmin.ensureTopic(
                TopicAdmin.clientProps(broker.bootstrapServers()), TOPIC, PARTITIONS, Map.of("retention.ms", "-1"));
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", PARTITIONS, Map.of());
        long base = System.currentTimeMillis() - 30_000;
        base -= Math.floorMod(base, WINDOW);
        Map<String, long[]> expectedEvents = new HashMap<>();
        Map<String, long[]> expectedBytes = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<MessageEvent> events = new ArrayList<>();
        try (KafkaProducer<byte[], MessageEvent> producer = producer()) {
            for (int i = 0; i < EVENTS; i++) {
                // A fifth of the traffic on one channel; time moves forward with jitter up to 80% of the grace.
                String channel = random.nextInt(5) == 0 ? "c-hot" : "c-" + random.nextInt(2_000);
                long timestamp = base + (long) i * (5 * WINDOW) / EVENTS - random.nextLong((long) (GRACE * 0.8));
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
        for (int i = 0; i < EVENTS; i++) {
            MessageEvent event = events.get(i);
            long windowStart = event.getTimestampMs() - Math.floorMod(event.getTimestampMs(), WINDOW);
            byte[] key = event.getChannelId().getBytes(StandardCharsets.UTF_8);
            int observed = sent.get(i).get().partition();
            int hashed = murmur3.partition(key, event.getTimestampMs(), Double.NaN, Double.NaN);
            add(expectedEvents, expectedBytes, "observed@" + windowStart, observed, event.getPayloadBytes());
            add(expectedEvents, expectedBytes, "murmur3-channel@" + windowStart, hashed, event.getPayloadBytes());
        }

        // When: the pipeline runs over it
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "partition-load-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed,murmur3-channel");
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, String.valueOf(GRACE));
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "3000");
        Map<String, long[]> actualEvents = new HashMap<>();
        Map<String, long[]> actualBytes = new HashMap<>();
        try (AnalyticsApp app = AnalyticsApp.start(new AnalyticsConfig(props));
                KafkaConsumer<String, PartitionLoad> consumer = loadConsumer(app.config())) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!actualEvents.keySet().equals(expectedEvents.keySet()) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    PartitionLoad row = record.value();
                    String key = row.getStrategy() + "@" + row.getWindowStartMs();
                    long[] events1 = actualEvents.computeIfAbsent(key, k -> new long[PARTITIONS]);
                    assertThat(events1[row.getPartition()])
                            .as("%s/%d emitted twice", key, row.getPartition())
                            .isZero();
                    events1[row.getPartition()] = row.getEvents();
                    actualBytes.computeIfAbsent(key, k -> new long[PARTITIONS])[row.getPartition()] = row.getBytes();
                }
            }
        }

        // Then: every count and byte sum is exact
        assertThat(actualEvents.keySet()).containsExactlyInAnyOrderElementsOf(expectedEvents.keySet());
        expectedEvents.forEach((key, counts) -> {
            assertThat(actualEvents.get(key)).as("events of %s", key).containsExactly(counts);
            assertThat(actualBytes.get(key)).as("bytes of %s", key).containsExactly(expectedBytes.get(key));
        });
        assertThat(expectedEvents.values().stream()
                        .mapToLong(c -> java.util.Arrays.stream(c).sum())
                        .sum())
                .isEqualTo(2L * EVENTS);
    }

    private static void add(
            Map<String, long[]> events, Map<String, long[]> bytes, String key, int partition, long size) {
        events.computeIfAbsent(key, k -> new long[PARTITIONS])[partition]++;
        bytes.computeIfAbsent(key, k -> new long[PARTITIONS])[partition] += size;
    }

    private static KafkaProducer<byte[], MessageEvent> producer() {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(
                props,
                new ByteArraySerializer(),
                io.partitionanalytics.serde.AvroSerdes.singleObject(MessageEvent.class)
                        .serializer());
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
