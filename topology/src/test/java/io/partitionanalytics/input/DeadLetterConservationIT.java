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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conservation on a real broker: valid events of every format and writer version, mixed with more than 10,000
 * malformed records of every kind and random fuzz. Afterwards every produced record is either counted in {@code
 * partition-load} or present, with its original bytes, exactly once in the dead-letter topic — and the application
 * is still running.
 */
@Timeout(180)
class DeadLetterConservationIT {

    private static final int PARTITIONS = 6;
    private static final String INPUT = "message-events";
    private static final String DLQ = "partition-analytics-dlq";
    private static final int VALID = 6_000;
    private static final int MALFORMED = 12_000;
    private static final int MAX_BYTES = 4_096;
    private static final long SKEW = 60_000;
    private static final String SEQ = "it-seq";

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

    /** One kind of malformed record: how to make the i-th one. */
    private record Kind(String cause, Maker maker) {}

    private interface Maker {
        ProducerRecord<byte[], byte[]> make(int i, long now, SplittableRandom random);
    }

    private static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ProducerRecord<>(INPUT, key, value);
    }

    private static byte[] key(int i) {
        return ("c-" + (i % 500)).getBytes(StandardCharsets.UTF_8);
    }

    private List<Kind> kinds(int v2Id, int otherRecordId) {
        return List.of(
                new Kind(
                        "null-key",
                        (i, now, r) -> record(null, Encodings.singleObject(Encodings.v2("e", "c", now, 1, null)))),
                new Kind("empty-key", (i, now, r) -> record(new byte[0], Encodings.json("e", "c", now, 1, null))),
                new Kind("null-value", (i, now, r) -> record(key(i), null)),
                new Kind("empty-value", (i, now, r) -> record(key(i), new byte[0])),
                new Kind(
                        "record-too-large",
                        (i, now, r) ->
                                record(key(i), Arrays.copyOf(Encodings.json("e", "c", now, 1, null), MAX_BYTES + 10))),
                new Kind("truncated", (i, now, r) -> {
                    byte[] value = Encodings.confluent(v2Id, Encodings.v2("e-" + i, "c", now, 1, "eu"));
                    return record(key(i), Arrays.copyOf(value, 5 + r.nextInt(value.length - 6)));
                }),
                new Kind("truncated", (i, now, r) -> {
                    byte[] value = Encodings.singleObject(Encodings.v1("e-" + i, "c", now, 1));
                    return record(key(i), Arrays.copyOf(value, 1 + r.nextInt(value.length - 1)));
                }),
                new Kind(
                        "wrong-magic",
                        (i, now, r) -> record(key(i), new byte[] {(byte) 0xC3, (byte) (2 + r.nextInt(200)), 1, 2, 3})),
                new Kind(
                        "unknown-format",
                        (i, now, r) -> record(key(i), ("plain text " + i).getBytes(StandardCharsets.UTF_8))),
                new Kind("unknown-schema-id", (i, now, r) -> {
                    byte[] value = Encodings.confluent(v2Id, Encodings.v2("e", "c", now, 1, null));
                    ByteBuffer.wrap(value).putInt(1, 100_000 + (i % 50));
                    return record(key(i), value);
                }),
                new Kind("unknown-schema", (i, now, r) -> {
                    byte[] value = Encodings.singleObject(Encodings.v2("e", "c", now, 1, null));
                    value[2 + r.nextInt(8)] ^= (byte) (1 + r.nextInt(255));
                    return record(key(i), value);
                }),
                new Kind(
                        "incompatible-schema",
                        (i, now, r) -> record(
                                key(i), Encodings.confluent(otherRecordId, Encodings.v2("e", "c", now, 1, null)))),
                new Kind("malformed-avro", (i, now, r) -> {
                    byte[] value = Encodings.singleObject(Encodings.v2("e", "c", now, 1, null));
                    return record(key(i), Arrays.copyOf(value, value.length + 1 + r.nextInt(5)));
                }),
                new Kind(
                        "malformed-json",
                        (i, now, r) -> record(key(i), "{\"event_id\": \"e\", ".getBytes(StandardCharsets.UTF_8))),
                new Kind(
                        "invalid-field",
                        (i, now, r) -> record(
                                key(i),
                                new String(Encodings.json("e", "c", now, 1, null), StandardCharsets.UTF_8)
                                        .replace("\"timestamp_ms\":" + now, "\"timestamp_ms\":\"soon\"")
                                        .getBytes(StandardCharsets.UTF_8))),
                new Kind(
                        "invalid-field",
                        (i, now, r) -> record(
                                key(i),
                                Encodings.singleObject(Encodings.v2("e", "c", now, -1 - r.nextInt(100), null)))),
                new Kind(
                        "negative-timestamp",
                        (i, now, r) -> record(
                                key(i),
                                Encodings.confluent(v2Id, Encodings.v2("e", "c", -1 - r.nextInt(1_000_000), 1, null)))),
                new Kind(
                        "future-timestamp",
                        (i, now, r) -> record(
                                key(i),
                                Encodings.json("e", "c", now + SKEW + 600_000 + r.nextInt(1_000_000), 1, null))),
                new Kind(null, (i, now, r) -> {
                    // Random fuzz: random key (sometimes none) and random bytes, sometimes behind a valid header.
                    byte[] value = new byte[2 + r.nextInt(200)];
                    r.nextBytes(value);
                    if (r.nextInt(4) == 0) {
                        value[0] = 0;
                    } else if (r.nextInt(4) == 0) {
                        value[0] = (byte) 0xC3;
                        value[1] = 1;
                    }
                    byte[] key = r.nextInt(10) == 0 ? null : new byte[1 + r.nextInt(20)];
                    if (key != null) {
                        r.nextBytes(key);
                    }
                    return record(key, value);
                }));
    }

    @Test
    void shouldCountEveryValidEventAndDeadLetterEveryOtherRecordExactlyOnce(@TempDir Path stateDir) throws Exception {
        // Given: a registry with both writer versions, and a topic of valid and malformed records, interleaved
        int v1Id = registry.register("message-events-value", Encodings.V1);
        int v2Id = registry.register("message-events-value", Encodings.V2);
        int otherRecordId = registry.register("partition-load-value", PartitionLoad.getClassSchema());
        TopicAdmin.ensureTopic(
                TopicAdmin.clientProps(broker.bootstrapServers()), INPUT, PARTITIONS, Map.of("retention.ms", "-1"));
        List<Kind> kinds = kinds(v2Id, otherRecordId);
        SplittableRandom random = new SplittableRandom(2024);
        long base = System.currentTimeMillis() - 20_000;
        Map<Integer, ProducerRecord<byte[], byte[]>> malformed = new HashMap<>();
        Set<String> expectedCauses = new HashSet<>();
        int produced = 0;
        int valid = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            while (valid < VALID || malformed.size() < MALFORMED) {
                boolean sendValid =
                        malformed.size() >= MALFORMED || (valid < VALID && random.nextInt(VALID + MALFORMED) < VALID);
                // Event time moves forward with the production order: no event is late.
                long now = base + (long) produced;
                ProducerRecord<byte[], byte[]> record;
                if (sendValid) {
                    byte[] key = key(valid);
                    String channel = new String(key, StandardCharsets.UTF_8);
                    byte[] value =
                            switch (valid % 5) {
                                case 0 -> Encodings.singleObject(Encodings.v1("v-" + valid, channel, now, 10));
                                case 1 ->
                                    Encodings.singleObject(Encodings.v2("v-" + valid, channel, now, 10, "eu-west-1"));
                                case 2 -> Encodings.confluent(v1Id, Encodings.v1("v-" + valid, channel, now, 10));
                                case 3 -> Encodings.confluent(v2Id, Encodings.v2("v-" + valid, channel, now, 10, null));
                                default -> Encodings.json("v-" + valid, channel, now, 10, null);
                            };
                    record = record(key, value);
                    valid++;
                } else {
                    Kind kind = kinds.get(malformed.size() % kinds.size());
                    record = kind.maker().make(malformed.size(), now, random);
                    if (kind.cause() != null) {
                        expectedCauses.add(kind.cause());
                    }
                    malformed.put(produced, record);
                }
                RecordHeaders headers = new RecordHeaders();
                headers.add(SEQ, String.valueOf(produced).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(INPUT, null, record.key(), record.value(), headers));
                produced++;
            }
            producer.flush();
        }
        assertThat(malformed).hasSizeGreaterThanOrEqualTo(10_000);

        // When: the application reads them all
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dead-letter-conservation-it");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed");
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, "2000");
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, "1000");
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "2000");
        props.put(AnalyticsConfig.INPUT_MAX_RECORD_BYTES_CONFIG, String.valueOf(MAX_BYTES));
        props.put(AnalyticsConfig.INPUT_MAX_FUTURE_SKEW_MS_CONFIG, String.valueOf(SKEW));
        props.put(AnalyticsConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url().toString());
        AnalyticsConfig config = new AnalyticsConfig(props);
        long counted;
        List<ConsumerRecord<byte[], byte[]>> deadLetters;
        double deadLettersMetric;
        KafkaStreams.State state;
        try (AnalyticsApp app = AnalyticsApp.start(config)) {
            // every input record processed and committed...
            await(() -> inputFullyCommitted(config.applicationId()));
            // ...and every window of the valid events closed and emitted
            counted = countLoads(config, VALID);
            deadLetters = readDeadLetters();
            deadLettersMetric = app.streams().metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("dead-letters-total"))
                    .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                    .sum();
            state = app.streams().state();
        }

        // Then: conservation, exactly
        assertThat(counted + deadLetters.size()).isEqualTo(produced);
        assertThat(counted).isEqualTo(VALID);
        assertThat(deadLetters).hasSize(malformed.size());
        // each malformed record exactly once, with its original key and value bytes and a cause
        Map<Integer, ConsumerRecord<byte[], byte[]>> bySeq = new TreeMap<>();
        Set<String> causes = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            int seq = Integer.parseInt(header(letter, SEQ));
            assertThat(bySeq.put(seq, letter))
                    .as("record %d dead-lettered twice", seq)
                    .isNull();
            ProducerRecord<byte[], byte[]> original = malformed.get(seq);
            assertThat(original).as("record %d was valid", seq).isNotNull();
            assertThat(letter.key()).isEqualTo(original.key());
            assertThat(letter.value()).isEqualTo(original.value());
            assertThat(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER)).isNotBlank();
            causes.add(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER));
        }
        assertThat(causes).containsAll(expectedCauses);
        assertThat(deadLettersMetric).isEqualTo(malformed.size());
        assertThat(state).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The application's committed offsets equal the input's end offsets on every partition. */
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

    /** Events of the observed strategy in partition-load, once they add up to {@code expected} (or time is up). */
    private static long countLoads(AnalyticsConfig config, long expected) {
        Topics topics = Topics.from(config);
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "conservation-it-loads");
        long counted = 0;
        Set<String> rows = new HashSet<>();
        try (KafkaConsumer<String, PartitionLoad> consumer = new KafkaConsumer<>(
                props,
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.partitionLoad().name()));
            long deadline = System.currentTimeMillis() + 90_000;
            while (counted < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    PartitionLoad row = record.value();
                    assertThat(rows.add(row.getStrategy() + "/" + row.getPartition() + "@" + row.getWindowStartMs()))
                            .as("row emitted twice: %s", record.key())
                            .isTrue();
                    counted += row.getEvents();
                }
            }
            // Anything more would be a count too many: read on a little past the expected total.
            for (int i = 0; i < 4; i++) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    counted += record.value().getEvents();
                }
            }
        }
        return counted;
    }

    /** Every committed record of the dead-letter topic. */
    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters() {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DLQ).stream()
                    .map(info -> new TopicPartition(DLQ, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
        }
        return letters;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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
