package io.partitionanalytics.serde;

import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records in Confluent's wire format: magic byte {@code 0x00}, the schema id as 4 big-endian bytes, then Avro
 * binary. The id is that of the record's schema under subject {@code <topic>-value} (TopicNameStrategy), registered
 * or looked up once and cached; so Confluent's {@code KafkaAvroDeserializer} reads these values.
 */
public final class ConfluentAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final boolean autoRegister;
    private final Schema schema;
    private final DatumWriter<T> writer;

    public ConfluentAvroSerializer(Class<T> type, SchemaRegistryClient registry, boolean autoRegister) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** TopicNameStrategy: the subject of a topic's values. */
    public static String subject(String topic) {
        return topic + "-value";
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        int id = registry.schemaId(subject(topic), schema, autoRegister);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(WireFormat.CONFLUENT_MAGIC);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
