package io.partitionanalytics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.schemas.KeyLoad;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import io.partitionanalytics.serde.registry.RegistryHealth;
import io.partitionanalytics.serde.registry.RegistrySettings;
import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes this application writes, checked against the documented formats with plain Avro only — what a consumer
 * with Confluent's {@code KafkaAvroDeserializer}, or any Avro single-object reader, does with them.
 */
class WireFormatBytesTest {

    private FakeSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() {
        registry = FakeSchemaRegistry.start();
        client = new SchemaRegistryClient(RegistrySettings.of(registry.url()), RegistryHealth.configured());
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private static PartitionLoad load() {
        return PartitionLoad.newBuilder()
                .setStrategy("murmur3-channel")
                .setPartition(3)
                .setNumPartitions(12)
                .setWindowStartMs(1_700_000_000_000L)
                .setWindowEndMs(1_700_000_005_000L)
                .setEvents(420)
                .setBytes(42_000)
                .setShare(0.25)
                .setMeanEvents(140.0)
                .setRatioToMean(3.0)
                .setTopKeys(List.of(new KeyLoad("c-42", 400L, 390L, 410L, 0.95)))
                .build();
    }

    @Test
    void shouldWriteMagicByteThenBigEndianSchemaIdOfTheTopicSubjectThenAvroBinary() throws IOException {
        // Given: outputs with a schema registry
        ConfluentAvroSerializer<PartitionLoad> serializer =
                new ConfluentAvroSerializer<>(PartitionLoad.class, client, true);

        // When
        byte[] bytes = serializer.serialize("partition-load", load());

        // Then: 0x00, the id registered under "partition-load-value" (TopicNameStrategy), then the record in Avro
        // binary with the schema the registry holds for that id, and nothing after it
        assertThat(bytes[0]).isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        assertThat(registry.versions("partition-load-value")).containsExactly(id);
        Schema writer = registry.schema(id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
        GenericRecord record = new GenericDatumReader<GenericRecord>(writer).read(null, decoder);
        assertThat(decoder.isEnd()).isTrue();
        assertThat(record.get("strategy").toString()).isEqualTo("murmur3-channel");
        assertThat(record.get("events")).isEqualTo(420L);
        assertThat(((List<?>) record.get("top_keys"))).hasSize(1);
        assertThat(SchemaNormalization.toParsingForm(writer))
                .isEqualTo(SchemaNormalization.toParsingForm(PartitionLoad.getClassSchema()));
    }

    @Test
    void shouldWriteAvroSingleObjectEncodingWithoutARegistry() throws IOException {
        byte[] bytes = AvroSerdes.singleObjectSerializer(PartitionLoad.class).serialize("partition-load", load());

        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(PartitionLoad.getClassSchema()));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 10, bytes.length - 10, null);
        GenericRecord record =
                new GenericDatumReader<GenericRecord>(PartitionLoad.getClassSchema()).read(null, decoder);
        assertThat(decoder.isEnd()).isTrue();
        assertThat(record.get("partition")).isEqualTo(3);
    }

    @Test
    void shouldLookUpTheSubjectInsteadOfRegisteringWhenAutoRegisterIsOff() {
        ConfluentAvroSerializer<PartitionLoad> serializer =
                new ConfluentAvroSerializer<>(PartitionLoad.class, client, false);

        assertThatThrownBy(() -> serializer.serialize("partition-load", load()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40401));

        int id = registry.register("partition-load-value", PartitionLoad.getClassSchema());
        byte[] bytes = serializer.serialize("partition-load", load());
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(registry.requests()).noneMatch(request -> request.endsWith("/versions"));
    }

    @Test
    void shouldReadBackWhatItWritesInEitherFormat() {
        Serde<PartitionLoad> confluent =
                Formats.withRegistry(WireFormat.AUTO, client, true).valueSerde(PartitionLoad.class);
        Serde<PartitionLoad> singleObject =
                Formats.withoutRegistry(WireFormat.AUTO).valueSerde(PartitionLoad.class);

        byte[] confluentBytes = confluent.serializer().serialize("partition-load", load());
        byte[] singleObjectBytes = singleObject.serializer().serialize("partition-load", load());

        assertThat(confluent.deserializer().deserialize("partition-load", confluentBytes))
                .isEqualTo(load());
        assertThat(confluent.deserializer().deserialize("partition-load", singleObjectBytes))
                .isEqualTo(load());
        assertThat(singleObject.deserializer().deserialize("partition-load", singleObjectBytes))
                .isEqualTo(load());
    }

    @Test
    void shouldReadEventsOfTheReleasedV1SchemaThroughTheSingleObjectSerde() {
        byte[] v1 = Encodings.singleObject(Encodings.v1("e-1", "c-1", 5L, 9));

        MessageEvent event =
                AvroSerdes.singleObject(MessageEvent.class).deserializer().deserialize("t", v1);

        assertThat(event.getEventId()).isEqualTo("e-1");
        assertThat(event.getRegion()).isNull();
    }
}
