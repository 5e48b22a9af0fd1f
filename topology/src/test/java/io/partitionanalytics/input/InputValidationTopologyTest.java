package io.partitionanalytics.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.app.PartitionAnalyticsTopology;
import io.partitionanalytics.app.PipelineHooks;
import io.partitionanalytics.app.Topics;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.serde.Encodings;
import io.partitionanalytics.serde.Formats;
import io.partitionanalytics.serde.WireFormat;
import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import io.partitionanalytics.serde.registry.RegistryHealth;
import io.partitionanalytics.serde.registry.RegistrySettings;
import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validation step on TopologyTestDriver: what reaches the load pipeline, what goes to the dead-letter topic
 * (original bytes, cause in headers, counted by cause), and what waits for the schema registry.
 */
class InputValidationTopologyTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long WINDOW = 1_000;
    private static final long SKEW = 60_000;
    private static final int MAX_BYTES = 2_048;
    private static final String DLQ = "partition-analytics-dlq";

    private FakeSchemaRegistry registry;
    private SchemaRegistryClient client;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, PartitionLoad> loads;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private int v1Id;
    private int v2Id;

    @BeforeEach
    void setUp() {
        registry = FakeSchemaRegistry.start();
        v1Id = registry.register("message-events-value", Encodings.V1);
        v2Id = registry.register("message-events-value", Encodings.V2);
        client = new SchemaRegistryClient(
                RegistrySettings.of(registry.url())
                        .withRetries(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(100)),
                RegistryHealth.configured());
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "unused:9092");
        props.put("application.id", "input-validation-test");
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed");
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, "0");
        props.put(AnalyticsConfig.COMBINE_FLUSH_INTERVAL_MS_CONFIG, "100");
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "600000");
        props.put(AnalyticsConfig.INPUT_MAX_RECORD_BYTES_CONFIG, String.valueOf(MAX_BYTES));
        props.put(AnalyticsConfig.INPUT_MAX_FUTURE_SKEW_MS_CONFIG, String.valueOf(SKEW));
        AnalyticsConfig config = new AnalyticsConfig(props);
        Properties streamsProps = config.streamsProperties();
        Formats formats = Formats.withRegistry(WireFormat.AUTO, client, true);
        driver = new TopologyTestDriver(
                PartitionAnalyticsTopology.build(config, 1, streamsProps, PipelineHooks.NONE, formats),
                streamsProps,
                Instant.ofEpochMilli(NOW));
        Topics topics = Topics.from(config, formats);
        input = driver.createInputTopic(
                topics.messageEvents().name(), new ByteArraySerializer(), new ByteArraySerializer());
        loads = driver.createOutputTopic(
                topics.partitionLoad().name(),
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        client.close();
        registry.close();
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Events counted by the observed strategy once event time has passed the first window. */
    private long countedInFirstWindow() {
        input.pipeInput(
                key("c-close"),
                Encodings.singleObject(Encodings.v2("close", "c-close", NOW + 5 * WINDOW, 1, null)),
                NOW);
        driver.advanceWallClockTime(Duration.ofMillis(200));
        long windowStart = NOW - Math.floorMod(NOW, WINDOW);
        return loads.readValuesToList().stream()
                .filter(row -> row.getWindowStartMs() == windowStart)
                .mapToLong(PartitionLoad::getEvents)
                .sum();
    }

    @Test
    void shouldCountValidEventsOfEveryFormatAndWriterVersion() {
        // Given: the same kind of event from producers of every format, on the old and the new schema
        List<byte[]> values = List.of(
                Encodings.singleObject(Encodings.v1("e-1", "c-1", NOW, 10)),
                Encodings.singleObject(Encodings.v2("e-2", "c-1", NOW, 10, "eu-west-1")),
                Encodings.confluent(v1Id, Encodings.v1("e-3", "c-2", NOW, 10)),
                Encodings.confluent(v2Id, Encodings.v2("e-4", "c-2", NOW, 10, null)),
                Encodings.json("e-5", "c-3", NOW, 10, "us-east-1"));

        // When
        values.forEach(value -> input.pipeInput(key("c-1"), value, NOW));

        // Then: all of them are counted, none is a dead letter
        assertThat(countedInFirstWindow()).isEqualTo(5);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    static Stream<Arguments> invalidRecords() {
        byte[] valid = Encodings.singleObject(Encodings.v2("e", "c-1", NOW, 10, null));
        return Stream.of(
                Arguments.of("null-key", null, valid),
                Arguments.of("empty-key", new byte[0], valid),
                Arguments.of("null-value", key("c-1"), null),
                Arguments.of("empty-value", key("c-1"), new byte[0]),
                Arguments.of("record-too-large", key("c-1"), new byte[MAX_BYTES]),
                Arguments.of("truncated", key("c-1"), Encodings.truncated(valid, valid.length - 3)),
                Arguments.of("wrong-magic", key("c-1"), new byte[] {(byte) 0xC3, 0x07, 1, 2}),
                Arguments.of("unknown-format", key("c-1"), "not an event".getBytes(StandardCharsets.UTF_8)),
                Arguments.of(
                        "unknown-schema-id", key("c-1"), Encodings.confluent(777, Encodings.v1("e", "c-1", NOW, 1))),
                Arguments.of("malformed-json", key("c-1"), "{\"event_id\": ".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("invalid-field", key("c-1"), Encodings.json("e", "c-1", NOW, -5, null)),
                Arguments.of(
                        "negative-timestamp",
                        key("c-1"),
                        Encodings.singleObject(Encodings.v2("e", "c-1", -1, 10, null))),
                Arguments.of(
                        "future-timestamp",
                        key("c-1"),
                        Encodings.singleObject(Encodings.v2("e", "c-1", NOW + SKEW + 1, 10, null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void shouldSendAnInvalidRecordToTheDeadLetterTopicWithItsOriginalBytesAndCause(
            String cause, byte[] key, byte[] value) {
        // Given: an input record with a header of its own
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", key("t-1"));

        // When
        input.pipeInput(new TestRecord<>(key, value, headers, NOW));

        // Then: exactly that record is on the dead-letter topic, cause and origin in headers
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(1);
        TestRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(letter.key()).isEqualTo(key);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER)).isEqualTo(cause);
        assertThat(header(letter, DeadLetterExceptionHandler.TOPIC_HEADER)).isEqualTo("message-events");
        assertThat(header(letter, DeadLetterExceptionHandler.PARTITION_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetterExceptionHandler.OFFSET_HEADER)).isEqualTo("0");
        assertThat(header(letter, DeadLetterExceptionHandler.EXCEPTION_HEADER))
                .isEqualTo(InvalidInputException.class.getName());
        assertThat(header(letter, DeadLetterExceptionHandler.MESSAGE_HEADER)).startsWith(cause + ":");
        assertThat(header(letter, "trace-id")).isEqualTo("t-1");
        assertThat(letter.headers().lastHeader(DeadLetterExceptionHandler.STACKTRACE_HEADER))
                .isNull();
        // And: counted under its cause, and not in any load
        assertThat(deadLetterTotal(cause)).isEqualTo(1.0);
        assertThat(countedInFirstWindow()).isZero();
    }

    @Test
    void shouldTellWhichFormatADeadLetterWasReadAs() {
        input.pipeInput(
                key("c-1"),
                Encodings.truncated(Encodings.confluent(v2Id, Encodings.v2("e", "c", NOW, 1, null)), 8),
                NOW);
        input.pipeInput(key("c-1"), Encodings.json("e", "c-1", -7, 1, null), NOW);

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters)
                .extracting(letter -> header(letter, DeadLetterExceptionHandler.FORMAT_HEADER))
                .containsExactly("confluent", "json");
    }

    @Test
    void shouldAcceptAnEventExactlyAtTheFutureSkewLimit() {
        input.pipeInput(key("c-1"), Encodings.singleObject(Encodings.v2("e", "c-1", NOW + SKEW, 10, null)), NOW);

        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldWaitForAnUnreachableRegistryWithoutDeadLetteringAndCountTheRecordOnceItAnswers() throws Exception {
        // Given: a producer on a schema id this application has not resolved yet, and a registry that is down
        byte[] value = Encodings.confluent(v2Id, Encodings.v2("e-1", "c-1", NOW, 10, null));
        List<RegistryHealth.Status> health = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.health().addListener(snapshot -> health.add(snapshot.status()));
        registry.stopServer();
        // (the registry comes back once health has reported it unreachable)
        Thread restorer = new Thread(() -> {
            try {
                while (client.health().isHealthy()) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            registry.resume();
        });
        restorer.start();

        // When: the record arrives
        input.pipeInput(key("c-1"), value, NOW);
        restorer.join();

        // Then: the stream thread waited for the registry with the record in hand: counted, not dead-lettered
        assertThat(health).containsSubsequence(RegistryHealth.Status.UNREACHABLE, RegistryHealth.Status.REACHABLE);
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(deadLetterTotal("unknown-schema-id")).isZero();
        assertThat(countedInFirstWindow()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpWaitingForTheRegistryWithoutDeadLetteringWhenTheApplicationCloses() {
        // Given: a registry that is down, and an application closing (its registry client closed)
        byte[] value = Encodings.confluent(v2Id, Encodings.v2("e-1", "c-1", NOW, 10, null));
        registry.stopServer();
        client.close();

        // When / Then: the record fails the thread (it is processed again after restart), and is no dead letter
        assertThatThrownBy(() -> input.pipeInput(key("c-1"), value, NOW))
                .satisfies(e -> assertThat(SchemaRegistryUnavailableException.isCauseOf(e))
                        .isTrue());
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private double deadLetterTotal(String cause) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dead-letters-total"))
                .filter(e -> e.getKey().group().equals("stream-partition-analytics-metrics"))
                .filter(e -> cause.equals(e.getKey().tags().get("cause")))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static String header(TestRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
