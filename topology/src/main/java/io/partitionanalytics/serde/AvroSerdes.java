package io.partitionanalytics.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes for the generated records. {@link #singleObject} writes Avro's single-object encoding ({@code C3 01},
 * the schema's 64-bit fingerprint, then Avro binary): self-describing enough to evolve without a registry, the
 * embedded default. Their deserializers read every known writer version (see {@link WriterSchemas}).
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    public static <T extends SpecificRecord> Serde<T> singleObject(Class<T> type) {
        return Serdes.serdeFrom(
                singleObjectSerializer(type),
                deserializer(new AvroReader<>(type, WireFormat.SINGLE_OBJECT, WriterSchemas.known(), null)));
    }

    public static <T extends SpecificRecord> Serializer<T> singleObjectSerializer(Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(data, schema);
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return encoder.encode(value).array();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** A deserializer over {@code reader}: values that do not decode throw a {@link SerializationException}. */
    public static <T extends SpecificRecord> Deserializer<T> deserializer(AvroReader<T> reader) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(bytes);
            } catch (DecodeException e) {
                throw new SerializationException("Cannot read a value of topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
