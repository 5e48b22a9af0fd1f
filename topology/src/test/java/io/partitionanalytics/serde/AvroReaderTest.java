package io.partitionanalytics.serde;

import static io.partitionanalytics.serde.Encodings.V1;
import static io.partitionanalytics.serde.Encodings.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import io.partitionanalytics.serde.registry.RegistryHealth;
import io.partitionanalytics.serde.registry.RegistrySettings;
import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading input values: every format, old and new writer schemas, and every way a value can be broken. */
class AvroReaderTest {

    private static final long T = 1_700_000_000_000L;

    private static FakeSchemaRegistry registry;
    private static SchemaRegistryClient client;
    private static int v1Id;
    private static int v2Id;
    private static int otherRecordId;
    private static int protobufId;

    @BeforeAll
    static void startRegistry() {
        registry = FakeSchemaRegistry.start();
        v1Id = registry.register("message-events-value", V1);
        v2Id = registry.register("message-events-value", V2);
        otherRecordId = registry.register("partition-load-value", PartitionLoad.getClassSchema());
        protobufId = registry.addRaw("syntax = \"proto3\"; message M {}", "PROTOBUF", false);
        client = new SchemaRegistryClient(
                RegistrySettings.of(registry.url())
                        .withRetries(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(200)),
                RegistryHealth.configured());
    }

    @AfterAll
    static void stopRegistry() {
        client.close();
        registry.close();
    }

    /** As the pipeline reads its input: {@code readNumbers} of the current schema by {@link MessageEventNumbers}. */
    private static AvroReader<MessageEvent> reader(WireFormat format) {
        return reader(format, true);
    }

    /** @param ownSchemaNumbers false: every value resolved by Avro, as once the schema has moved on */
    private static AvroReader<MessageEvent> reader(WireFormat format, boolean ownSchemaNumbers) {
        return new AvroReader<>(
                MessageEvent.class,
                format,
                WriterSchemas.known(),
                client,
                ownSchemaNumbers ? MessageEventNumbers.forCurrentSchema().orElse(null) : null);
    }

    @Test
    void shouldKeepMessageEventNumbersOnTheLayoutOfTheCurrentSchema() {
        // MessageEventNumbers reads one layout; once MessageEvent.avsc moves on, this fails until it follows.
        assertThat(MessageEventNumbers.forCurrentSchema())
                .as("MessageEventNumbers reads the layout of the current MessageEvent schema")
                .isPresent();
    }

    @Test
    void shouldReadOnlyValuesOfTheCurrentSchemaWithTheOwnSchemaReader() {
        // Given a reader whose own-schema reader counts its calls
        AvroReader.OwnSchemaReader<MessageEvent> numbers =
                MessageEventNumbers.forCurrentSchema().orElseThrow();
        AtomicInteger calls = new AtomicInteger();
        AvroReader<MessageEvent> reader =
                new AvroReader<>(MessageEvent.class, WireFormat.AUTO, WriterSchemas.known(), client, (in, reuse) -> {
                    calls.incrementAndGet();
                    return numbers.read(in, reuse);
                });
        AvroReader.Scratch<MessageEvent> scratch = reader.newScratch();

        // When values of the current schema are read, in both framings, then v1 values and JSON
        reader.readNumbers(Encodings.singleObject(Encodings.v2("e-1", "c-1", T, 7, "eu")), scratch);
        reader.readNumbers(Encodings.confluent(v2Id, Encodings.v2("e-2", "c-2", T, 8, null)), scratch);
        int currentSchemaCalls = calls.get();
        reader.readNumbers(Encodings.singleObject(Encodings.v1("e-3", "c-3", T, 9)), scratch);
        reader.readNumbers(Encodings.confluent(v1Id, Encodings.v1("e-4", "c-4", T, 10)), scratch);
        reader.readNumbers(Encodings.json("e-5", "c-5", T, 11, null), scratch);
        reader.read(Encodings.singleObject(Encodings.v2("e-6", "c-6", T, 12, null)));

        // Then only the current schema's values went through it, and only in readNumbers
        assertThat(currentSchemaCalls).isEqualTo(2);
        assertThat(calls.get()).isEqualTo(2);
    }

    private static void assertSameNumbers(MessageEvent numbers, MessageEvent whole) {
        assertThat(numbers.getTimestampMs()).isEqualTo(whole.getTimestampMs());
        assertThat(numbers.getPayloadBytes()).isEqualTo(whole.getPayloadBytes());
        assertThat(numbers.getLatitude()).isEqualTo(whole.getLatitude());
        assertThat(numbers.getLongitude()).isEqualTo(whole.getLongitude());
        assertThat(numbers.getRegion() == null).isEqualTo(whole.getRegion() == null);
    }

    // ---- schema evolution: old and new writers, one current reader

    @Test
    void shouldReadEventsOfTheV1WriterIntoTheCurrentSchemaWithoutRegion() {
        byte[] singleObject = Encodings.singleObject(Encodings.v1("e-1", "c-1", T, 120));
        byte[] confluent = Encodings.confluent(v1Id, Encodings.v1("e-1", "c-1", T, 120));

        for (byte[] value : new byte[][] {singleObject, confluent}) {
            MessageEvent event = reader(WireFormat.AUTO).read(value);

            assertThat(event.getEventId()).isEqualTo("e-1");
            assertThat(event.getChannelId()).isEqualTo("c-1");
            assertThat(event.getTimestampMs()).isEqualTo(T);
            assertThat(event.getPayloadBytes()).isEqualTo(120);
            assertThat(event.getLatitude()).isEqualTo(48.85);
            assertThat(event.getRegion()).isNull();
        }
    }

    @Test
    void shouldReadEventsOfTheCurrentWriterWithTheirRegion() {
        byte[] singleObject = Encodings.singleObject(Encodings.v2("e-2", "c-2", T, 7, "eu-west-1"));
        byte[] confluent = Encodings.confluent(v2Id, Encodings.v2("e-2", "c-2", T, 7, "eu-west-1"));
        byte[] json = Encodings.json("e-2", "c-2", T, 7, "eu-west-1");

        for (byte[] value : new byte[][] {singleObject, confluent, json}) {
            MessageEvent event = reader(WireFormat.AUTO).read(value);

            assertThat(event.getRegion()).isEqualTo("eu-west-1");
            assertThat(event.getPayloadBytes()).isEqualTo(7);
            assertThat(event.getLatitude()).isNull();
        }
    }

    @Test
    void shouldReadJsonWithoutOptionalFieldsAndIgnoreUnknownOnes() {
        byte[] json = ("  {\"event_id\":\"e-3\",\"channel_id\":\"c-3\",\"guild_id\":\"g\",\"user_id\":\"u\","
                        + "\"timestamp_ms\":" + T + ",\"payload_bytes\":0,\"added_by_a_newer_producer\":[1,2]}\n")
                .getBytes(StandardCharsets.UTF_8);

        MessageEvent event = reader(WireFormat.JSON).read(json);

        assertThat(event.getEventId()).isEqualTo("e-3");
        assertThat(event.getLatitude()).isNull();
        assertThat(event.getLongitude()).isNull();
        assertThat(event.getRegion()).isNull();
    }

    @Test
    void shouldTellTheFormatOfEachRecordUnderAuto() {
        AvroReader<MessageEvent> auto = reader(WireFormat.AUTO);

        assertThat(auto.formatOf(Encodings.confluent(v1Id, Encodings.v1("e", "c", T, 1))))
                .isEqualTo(WireFormat.CONFLUENT);
        assertThat(auto.formatOf(Encodings.singleObject(Encodings.v1("e", "c", T, 1))))
                .isEqualTo(WireFormat.SINGLE_OBJECT);
        assertThat(auto.formatOf(Encodings.json("e", "c", T, 1, null))).isEqualTo(WireFormat.JSON);
        assertThat(auto.formatOf("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(WireFormat.AUTO);
        assertThat(reader(WireFormat.JSON).formatOf(new byte[] {0})).isEqualTo(WireFormat.JSON);
    }

    // ---- broken values: each with its cause

    static Stream<Arguments> brokenValues() {
        byte[] confluentV2 = Encodings.confluent(v2Id, Encodings.v2("e-1", "c-1", T, 10, "eu"));
        byte[] singleObjectV2 = Encodings.singleObject(Encodings.v2("e-1", "c-1", T, 10, "eu"));
        byte[] unknownFingerprint = singleObjectV2.clone();
        unknownFingerprint[5] ^= 0x5a;
        byte[] trailing = Arrays.copyOf(singleObjectV2, singleObjectV2.length + 3);
        byte[] negativeLength = Arrays.copyOf(singleObjectV2, singleObjectV2.length);
        // event_id's length is the first byte of the body: zig-zag 0x01 is -1.
        negativeLength[10] = 0x01;
        // The same, with event_id's bytes removed: nothing after the negative length trips a reader that would skip
        // event_id instead of reading it (Avro's skipping takes a negative length for zero).
        byte[] negativeLengthOnly = new byte[singleObjectV2.length - 3];
        System.arraycopy(singleObjectV2, 0, negativeLengthOnly, 0, 11);
        System.arraycopy(singleObjectV2, 14, negativeLengthOnly, 11, singleObjectV2.length - 14);
        negativeLengthOnly[10] = 0x01;
        byte[] badUnion = Encodings.confluent(v2Id, Encodings.v2("e", "c", T, 1, null));
        badUnion[badUnion.length - 1] = 0x08; // region's union branch index 4 of 2
        return Stream.of(
                Arguments.of("auto: plain text", WireFormat.AUTO, bytes("hello"), DecodeFailure.UNKNOWN_FORMAT),
                Arguments.of(
                        "auto: 0xFF garbage", WireFormat.AUTO, new byte[] {-1, 2, 3}, DecodeFailure.UNKNOWN_FORMAT),
                Arguments.of(
                        "auto: C3 02", WireFormat.AUTO, new byte[] {(byte) 0xC3, 2, 0, 0}, DecodeFailure.WRONG_MAGIC),
                Arguments.of(
                        "confluent: single-object value",
                        WireFormat.CONFLUENT,
                        singleObjectV2,
                        DecodeFailure.WRONG_MAGIC),
                Arguments.of(
                        "confluent: magic 0x01",
                        WireFormat.CONFLUENT,
                        withFirstByte(confluentV2, 1),
                        DecodeFailure.WRONG_MAGIC),
                Arguments.of(
                        "single-object: Confluent value",
                        WireFormat.SINGLE_OBJECT,
                        confluentV2,
                        DecodeFailure.WRONG_MAGIC),
                Arguments.of(
                        "confluent: 3 bytes",
                        WireFormat.AUTO,
                        Encodings.truncated(confluentV2, 3),
                        DecodeFailure.TRUNCATED),
                Arguments.of(
                        "confluent: body cut",
                        WireFormat.AUTO,
                        Encodings.truncated(confluentV2, confluentV2.length - 4),
                        DecodeFailure.TRUNCATED),
                Arguments.of(
                        "confluent: header only",
                        WireFormat.AUTO,
                        Encodings.truncated(confluentV2, 5),
                        DecodeFailure.TRUNCATED),
                Arguments.of(
                        "single-object: 6 bytes",
                        WireFormat.AUTO,
                        Encodings.truncated(singleObjectV2, 6),
                        DecodeFailure.TRUNCATED),
                Arguments.of(
                        "single-object: body cut",
                        WireFormat.AUTO,
                        Encodings.truncated(singleObjectV2, 20),
                        DecodeFailure.TRUNCATED),
                Arguments.of(
                        "confluent: unknown id",
                        WireFormat.AUTO,
                        withId(confluentV2, 9_999),
                        DecodeFailure.UNKNOWN_SCHEMA_ID),
                Arguments.of(
                        "confluent: negative id",
                        WireFormat.AUTO,
                        withId(confluentV2, -3),
                        DecodeFailure.UNKNOWN_SCHEMA_ID),
                Arguments.of(
                        "confluent: id of another record",
                        WireFormat.AUTO,
                        withId(confluentV2, otherRecordId),
                        DecodeFailure.INCOMPATIBLE_SCHEMA),
                Arguments.of(
                        "confluent: id of a PROTOBUF schema",
                        WireFormat.AUTO,
                        withId(confluentV2, protobufId),
                        DecodeFailure.INCOMPATIBLE_SCHEMA),
                Arguments.of(
                        "single-object: unknown fingerprint",
                        WireFormat.AUTO,
                        unknownFingerprint,
                        DecodeFailure.UNKNOWN_SCHEMA),
                Arguments.of(
                        "single-object: another record's fingerprint",
                        WireFormat.AUTO,
                        withFingerprintOf(singleObjectV2),
                        DecodeFailure.INCOMPATIBLE_SCHEMA),
                Arguments.of("single-object: bytes left over", WireFormat.AUTO, trailing, DecodeFailure.MALFORMED_AVRO),
                Arguments.of(
                        "single-object: negative string length",
                        WireFormat.AUTO,
                        negativeLength,
                        DecodeFailure.MALFORMED_AVRO),
                Arguments.of(
                        "single-object: negative string length, the rest well-formed",
                        WireFormat.AUTO,
                        negativeLengthOnly,
                        DecodeFailure.MALFORMED_AVRO),
                Arguments.of(
                        "confluent: union index out of range", WireFormat.AUTO, badUnion, DecodeFailure.MALFORMED_AVRO),
                Arguments.of(
                        "json: not closed", WireFormat.AUTO, bytes("{\"event_id\":"), DecodeFailure.MALFORMED_JSON),
                Arguments.of("json: two objects", WireFormat.JSON, bytes("{} {}"), DecodeFailure.MALFORMED_JSON),
                Arguments.of("json: an array", WireFormat.JSON, bytes("[1]"), DecodeFailure.MALFORMED_JSON),
                Arguments.of(
                        "json: missing required field",
                        WireFormat.AUTO,
                        bytes("{\"event_id\":\"e\"}"),
                        DecodeFailure.INVALID_FIELD),
                Arguments.of(
                        "json: timestamp as string",
                        WireFormat.AUTO,
                        bytes(new String(Encodings.json("e", "c", T, 1, null), StandardCharsets.UTF_8)
                                .replace(":" + T, ":\"" + T + "\"")),
                        DecodeFailure.INVALID_FIELD),
                Arguments.of(
                        "json: fractional payload",
                        WireFormat.AUTO,
                        bytes(new String(Encodings.json("e", "c", T, 1, null), StandardCharsets.UTF_8)
                                .replace("\"payload_bytes\":1", "\"payload_bytes\":1.5")),
                        DecodeFailure.INVALID_FIELD),
                Arguments.of(
                        "json: int overflow",
                        WireFormat.AUTO,
                        bytes(new String(Encodings.json("e", "c", T, 1, null), StandardCharsets.UTF_8)
                                .replace("\"payload_bytes\":1", "\"payload_bytes\":3000000000")),
                        DecodeFailure.INVALID_FIELD),
                Arguments.of(
                        "json: null required string",
                        WireFormat.AUTO,
                        bytes(new String(Encodings.json("e", "c", T, 1, null), StandardCharsets.UTF_8)
                                .replace("\"e\"", "null")),
                        DecodeFailure.INVALID_FIELD));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenValues")
    void shouldRefuseABrokenValueWithItsCause(String what, WireFormat format, byte[] value, DecodeFailure expected) {
        AvroReader<MessageEvent> reader = reader(format);
        AvroReader.Scratch<MessageEvent> scratch = reader.newScratch();
        // The reused record first holds a good event, so that nothing of it may pass for the broken value's.
        reader.readNumbers(goodValueIn(format), scratch);

        assertThatThrownBy(() -> reader.read(value))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(expected));
        assertThatThrownBy(() -> reader.readNumbers(value, scratch))
                .isInstanceOfSatisfying(
                        DecodeException.class,
                        e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "current schema read field by field: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReadTheNumbersOfEveryValueIntoOneRecord(boolean ownSchemaNumbers) {
        // Given one scratch, and values of every format and both writers, with and without the optional fields
        AvroReader<MessageEvent> reader = reader(WireFormat.AUTO, ownSchemaNumbers);
        AvroReader.Scratch<MessageEvent> scratch = reader.newScratch();
        List<byte[]> values = List.of(
                Encodings.singleObject(Encodings.v2("e-1", "c-1", T, 7, "eu-west-1")),
                Encodings.singleObject(Encodings.v1("e-2", "channel-two", T + 1, 120)),
                Encodings.confluent(v2Id, Encodings.v2("e-3", "c", T + 2, 0, null)),
                Encodings.confluent(v1Id, Encodings.v1("event-4", "c-4", T + 3, 99)),
                Encodings.json("e-5", "c-5", T + 4, 5, "us-east-1"),
                Encodings.singleObject(Encodings.v2("e-6", "c-6", T + 5, 6, null)));
        MessageEvent firstBinary = null;

        for (byte[] value : values) {
            // When
            MessageEvent whole = reader.read(value);
            MessageEvent numbers = reader.readNumbers(value, scratch);

            // Then the numbers (and whether the optional fields are there) are the whole event's
            assertSameNumbers(numbers, whole);
            // and binary values, whose text is dropped, all go into one record
            if (value[0] != '{') {
                assertThat(numbers.getChannelId()).isEmpty();
                firstBinary = firstBinary == null ? numbers : firstBinary;
                assertThat(numbers).isSameAs(firstBinary);
            }
        }
    }

    @Test
    void shouldRefuseConfluentFramingWithoutARegistry() {
        AvroReader<MessageEvent> withoutRegistry =
                new AvroReader<>(MessageEvent.class, WireFormat.AUTO, WriterSchemas.known(), null);

        assertThatThrownBy(() -> withoutRegistry.read(Encodings.confluent(v1Id, Encodings.v1("e", "c", T, 1))))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.failure()).isEqualTo(DecodeFailure.NO_REGISTRY));
    }

    @Test
    void shouldTellARegistryOutageApartFromAnUnknownSchemaId() {
        // A registry that is down answers nothing about the id: that is no property of the record.
        FakeSchemaRegistry down = FakeSchemaRegistry.start();
        int id = down.register("message-events-value", V2);
        down.stopServer();
        try (SchemaRegistryClient unreachable = new SchemaRegistryClient(
                RegistrySettings.of(down.url())
                        .withRetries(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50)),
                RegistryHealth.configured())) {
            AvroReader<MessageEvent> reader =
                    new AvroReader<>(MessageEvent.class, WireFormat.AUTO, WriterSchemas.known(), unreachable);

            assertThatThrownBy(() -> reader.read(Encodings.confluent(id, Encodings.v2("e", "c", T, 1, null))))
                    .isInstanceOf(SchemaRegistryUnavailableException.class);
            assertThat(unreachable.health().isHealthy()).isFalse();
        } finally {
            down.close();
        }
    }

    @Test
    void shouldRefuseRandomBytesOnlyWithADecodeException() {
        // Random values, a quarter of them behind a valid Confluent header with a known id and a quarter behind a
        // known single-object fingerprint (v1, or the current v2 that readNumbers reads without resolution), so that
        // Avro decodes garbage: any outcome but a decoded event or a DecodeException (an unchecked Avro error, an
        // OutOfMemoryError, ...) fails.
        SplittableRandom random = new SplittableRandom(42);
        AvroReader<MessageEvent> reader = reader(WireFormat.AUTO);
        AvroReader.Scratch<MessageEvent> scratch = reader.newScratch();
        long fingerprintV1 = SchemaNormalization.parsingFingerprint64(V1);
        long fingerprintV2 = SchemaNormalization.parsingFingerprint64(V2);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] value = new byte[1 + random.nextInt(64)];
            random.nextBytes(value);
            switch (i % 4) {
                case 0 ->
                    value = prefixed(ByteBuffer.allocate(5).put((byte) 0).putInt(i % 8 == 0 ? v1Id : v2Id), value);
                case 1 ->
                    value = prefixed(
                            ByteBuffer.allocate(10)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .put((byte) 0xC3)
                                    .put((byte) 1)
                                    .putLong(i % 8 == 1 ? fingerprintV1 : fingerprintV2),
                            value);
                default -> {}
            }
            MessageEvent whole;
            try {
                whole = reader.read(value);
                decoded++;
            } catch (DecodeException e) {
                refused++;
                byte[] refusedValue = value;
                assertThatThrownBy(() -> reader.readNumbers(refusedValue, scratch))
                        .as("a value read() refuses")
                        .isInstanceOfSatisfying(DecodeException.class, r -> assertThat(r.failure())
                                .isEqualTo(e.failure()));
                continue;
            }
            assertSameNumbers(reader.readNumbers(value, scratch), whole);
        }

        assertThat(decoded + refused).isEqualTo(20_000);
        assertThat(refused).isGreaterThan(19_000);
    }

    @ParameterizedTest(name = "current schema read field by field: {0}")
    @ValueSource(booleans = {true, false})
    void shouldReadDamagedValuesOfTheCurrentSchemaAsAvroDoes(boolean ownSchemaNumbers) {
        // Given well-formed current-schema values (with and without location and region, in both framings), then
        // damaged: a byte or two changed, cut short or grown.
        // Then readNumbers (MessageEventNumbers, or Avro's resolution with the text dropped) refuses exactly what
        // Avro's whole-record reader refuses, with the same cause, and otherwise gives its numbers.
        SplittableRandom random = new SplittableRandom(7);
        AvroReader<MessageEvent> reader = reader(WireFormat.AUTO, ownSchemaNumbers);
        AvroReader.Scratch<MessageEvent> scratch = reader.newScratch();
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            GenericRecord event = Encodings.v2(
                    "e-" + random.nextInt(1_000_000),
                    "c-" + random.nextInt(1_000),
                    T + random.nextLong(1_000_000_000L),
                    random.nextInt(100_000),
                    random.nextBoolean() ? "eu-west-1" : null);
            if (random.nextBoolean()) {
                event.put("latitude", random.nextDouble(-90, 90));
                event.put("longitude", random.nextDouble(-180, 180));
            }
            byte[] value = i % 2 == 0 ? Encodings.singleObject(event) : Encodings.confluent(v2Id, event);
            int header = i % 2 == 0 ? WireFormat.SINGLE_OBJECT_HEADER_BYTES : WireFormat.CONFLUENT_HEADER_BYTES;
            switch (random.nextInt(4)) {
                case 0 -> value[header + random.nextInt(value.length - header)] = (byte) random.nextInt(256);
                case 1 -> {
                    value[header + random.nextInt(value.length - header)] = (byte) random.nextInt(256);
                    value[header + random.nextInt(value.length - header)] = (byte) random.nextInt(256);
                }
                case 2 -> value = Arrays.copyOf(value, header + random.nextInt(value.length - header));
                default -> value = Arrays.copyOf(value, value.length + 1 + random.nextInt(3));
            }

            MessageEvent whole;
            try {
                whole = reader.read(value);
            } catch (DecodeException e) {
                refused++;
                byte[] refusedValue = value;
                assertThatThrownBy(() -> reader.readNumbers(refusedValue, scratch))
                        .as("a value read() refuses (%s)", e.getMessage())
                        .isInstanceOfSatisfying(DecodeException.class, r -> assertThat(r.failure())
                                .isEqualTo(e.failure()));
                continue;
            }
            decoded++;
            assertSameNumbers(reader.readNumbers(value, scratch), whole);
        }

        // Both outcomes are common, so that both were compared.
        assertThat(decoded).isGreaterThan(2_000);
        assertThat(refused).isGreaterThan(2_000);
    }

    private static byte[] goodValueIn(WireFormat format) {
        return switch (format) {
            case CONFLUENT -> Encodings.confluent(v2Id, Encodings.v2("e", "c", T, 1, "eu"));
            case JSON -> Encodings.json("e", "c", T, 1, "eu");
            default -> Encodings.singleObject(Encodings.v2("e", "c", T, 1, "eu"));
        };
    }

    private static byte[] prefixed(ByteBuffer header, byte[] body) {
        byte[] value = Arrays.copyOf(header.array(), header.capacity() + body.length);
        System.arraycopy(body, 0, value, header.capacity(), body.length);
        return value;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withFirstByte(byte[] value, int first) {
        byte[] copy = value.clone();
        copy[0] = (byte) first;
        return copy;
    }

    private static byte[] withId(byte[] confluent, int id) {
        byte[] copy = confluent.clone();
        ByteBuffer.wrap(copy).putInt(1, id);
        return copy;
    }

    private static byte[] withFingerprintOf(byte[] singleObject) {
        byte[] copy = singleObject.clone();
        ByteBuffer.wrap(copy)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(2, SchemaNormalization.parsingFingerprint64(PartitionLoad.getClassSchema()));
        return copy;
    }
}
