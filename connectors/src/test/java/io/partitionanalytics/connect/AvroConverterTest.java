package io.partitionanalytics.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.KeyLoad;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.Severity;
import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroConverterTest {

    private static final String TOPIC = "partition-load";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() {
        registry = FakeSchemaRegistry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private AvroConverter converter(Map<String, ?> config) {
        AvroConverter converter = new AvroConverter();
        converter.configure(config, false);
        return converter;
    }

    private AvroConverter withRegistry() {
        return converter(
                Map.of(AvroConverter.SCHEMA_REGISTRY_URL_CONFIG, registry.url().toString()));
    }

    private static PartitionLoad load() {
        return PartitionLoad.newBuilder()
                .setStrategy("murmur3-channel")
                .setPartition(3)
                .setNumPartitions(12)
                .setWindowStartMs(1_000)
                .setWindowEndMs(6_000)
                .setEvents(420)
                .setBytes(42_000)
                .setShare(0.42)
                .setMeanEvents(83.3)
                .setRatioToMean(5.04)
                .setDistinctKeys(17)
                .setDistinctKeysLower(16)
                .setDistinctKeysUpper(18)
                .setTopKeys(List.of(new KeyLoad("c-42", 400L, 398L, 402L, 0.95), new KeyLoad("c-7", 5L, 3L, 7L, 0.01)))
                .setNode(null)
                .build();
    }

    private static <T extends SpecificRecord> byte[] singleObject(T record) throws IOException {
        SpecificData data = SpecificData.getForClass(record.getClass());
        return new BinaryMessageEncoder<T>(data, record.getSchema())
                .encode(record)
                .array();
    }

    private static byte[] confluent(int id, Schema schema, Object record, boolean specific) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        (specific ? new SpecificDatumWriter<>(schema) : new GenericDatumWriter<>(schema)).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static void assertLoadRow(SchemaAndValue converted) throws IOException {
        Struct row = (Struct) converted.value();
        assertThat(converted.schema().name()).isEqualTo("io.partitionanalytics.schemas.PartitionLoad");
        assertThat(row.getString("strategy")).isEqualTo("murmur3-channel");
        assertThat(row.getInt32("partition")).isEqualTo(3);
        assertThat(row.getInt64("events")).isEqualTo(420L);
        assertThat(row.getFloat64("ratio_to_mean")).isEqualTo(5.04);
        assertThat(row.getString("node")).isNull();
        assertThat(converted.schema().field("node").schema().isOptional()).isTrue();
        org.apache.kafka.connect.data.Schema topKeys =
                converted.schema().field("top_keys").schema();
        assertThat(topKeys.name()).isEqualTo("io.debezium.data.Json");
        assertThat(topKeys.parameters()).containsEntry("__debezium.source.column.type", "JSONB");
        JsonNode keys = JSON.readTree(row.getString("top_keys"));
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("key").asText()).isEqualTo("c-42");
        assertThat(keys.get(0).get("events").asLong()).isEqualTo(400L);
        assertThat(keys.get(0).get("upper_bound").asLong()).isEqualTo(402L);
        assertThat(keys.get(1).get("share").asDouble()).isEqualTo(0.01);
    }

    @Test
    void shouldReadSingleObjectEncodingWithoutARegistry() throws IOException {
        AvroConverter converter = converter(Map.of());

        SchemaAndValue converted = converter.toConnectData(TOPIC, singleObject(load()));

        assertLoadRow(converted);
    }

    @Test
    void shouldReadConfluentFramingWithTheWriterSchemaFromTheRegistry() throws IOException {
        int id = registry.register(TOPIC + "-value", PartitionLoad.getClassSchema());
        AvroConverter converter = withRegistry();

        SchemaAndValue first =
                converter.toConnectData(TOPIC, confluent(id, PartitionLoad.getClassSchema(), load(), true));
        SchemaAndValue second =
                converter.toConnectData(TOPIC, confluent(id, PartitionLoad.getClassSchema(), load(), true));

        assertLoadRow(first);
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(registry.requestCount("GET /schemas/ids/" + id)).isEqualTo(1); // cached
    }

    @Test
    void shouldResolveAnOlderWriterToTheCurrentSchemaSoEveryRowHasTheSameColumns() throws IOException {
        Schema older = new Schema.Parser()
                .parse(
                        """
                {"type": "record", "name": "PartitionLoad", "namespace": "io.partitionanalytics.schemas", "fields": [
                  {"name": "strategy", "type": "string"}, {"name": "partition", "type": "int"},
                  {"name": "num_partitions", "type": "int"}, {"name": "window_start_ms", "type": "long"},
                  {"name": "window_end_ms", "type": "long"}, {"name": "events", "type": "long"},
                  {"name": "bytes", "type": "long"}, {"name": "share", "type": "double"},
                  {"name": "mean_events", "type": "double"}, {"name": "ratio_to_mean", "type": "double"}]}""");
        GenericRecord old = new GenericData.Record(older);
        for (Schema.Field field : older.getFields()) {
            old.put(field.name(), load().get(field.name()));
        }
        int id = registry.register(TOPIC + "-value", older);

        SchemaAndValue converted = withRegistry().toConnectData(TOPIC, confluent(id, older, old, false));

        Struct row = (Struct) converted.value();
        assertThat(converted.schema().fields())
                .hasSize(PartitionLoad.getClassSchema().getFields().size());
        assertThat(row.getInt64("events")).isEqualTo(420L);
        assertThat(row.getInt64("distinct_keys")).isZero();
        assertThat(row.getString("top_keys")).isEqualTo("[]");
    }

    @Test
    void shouldTurnEnumsIntoStrings() throws IOException {
        HotspotAlert alert = HotspotAlert.newBuilder()
                .setAlertId("a-1")
                .setState(AlertState.OPEN)
                .setSeverity(Severity.CRITICAL)
                .setStrategy("observed")
                .setPartition(0)
                .setWindowStartMs(0)
                .setWindowEndMs(5_000)
                .setEpisodeStartMs(0)
                .setEvents(10)
                .setMeanEvents(2.0)
                .setRatio(5.0)
                .setThreshold(1.5)
                .setConsecutiveWindows(3)
                .setTopKeys(List.of())
                .setReason("hot")
                .build();

        Struct row = (Struct) converter(Map.of())
                .toConnectData("partition-hotspots", singleObject(alert))
                .value();

        assertThat(row.getString("state")).isEqualTo("OPEN");
        assertThat(row.getString("severity")).isEqualTo("CRITICAL");
        assertThat(row.getString("top_keys")).isEqualTo("[]");
    }

    @Test
    void shouldPassTombstonesThrough() {
        assertThat(converter(Map.of()).toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void shouldRefuseValuesItCannotRead() throws IOException {
        AvroConverter converter = converter(Map.of());
        byte[] unknownFingerprint = singleObject(load());
        unknownFingerprint[5] ^= 0x5a;

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"strategy\": \"x\"}".getBytes()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("neither Confluent-framed Avro nor Avro single-object");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, unknownFingerprint))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("unknown writer schema");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0, 0, 0, 1, 2}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("schema.registry.url is not set");
    }

    @Test
    void shouldRefuseTruncatedData() throws IOException {
        byte[] value = singleObject(load());
        byte[] truncated = java.util.Arrays.copyOf(value, value.length - 20);

        assertThatThrownBy(() -> converter(Map.of()).toConnectData(TOPIC, truncated))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("Cannot decode");
    }

    @Test
    void shouldTellAnUnknownIdFromAnUnreachableRegistry() throws IOException {
        AvroConverter converter = withRegistry();
        byte[] unknownId = confluent(999, PartitionLoad.getClassSchema(), load(), true);

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, unknownId))
                .isInstanceOf(DataException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("404");

        registry.stopServer();
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, unknownId))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldRetryA5xxAnswerAsRetriable() throws IOException {
        int id = registry.register(TOPIC + "-value", PartitionLoad.getClassSchema());
        AvroConverter converter = withRegistry();
        byte[] value = confluent(id, PartitionLoad.getClassSchema(), load(), true);
        registry.failNext(1, 503);

        assertThatThrownBy(() -> converter.toConnectData(TOPIC, value)).isInstanceOf(RetriableException.class);
        assertLoadRow(converter.toConnectData(TOPIC, value));
    }

    @Test
    void shouldNeverWrite() {
        assertThatThrownBy(() -> converter(Map.of()).fromConnectData(TOPIC, null, null))
                .isInstanceOf(DataException.class);
    }
}
