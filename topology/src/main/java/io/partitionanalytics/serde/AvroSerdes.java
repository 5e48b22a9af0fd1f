package io.partitionanalytics.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes for the generated records in Avro's single-object encoding ({@code C3 01}, the schema's 64-bit
 * fingerprint, then Avro binary): self-describing enough to evolve without a registry, the embedded default.
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    public static <T extends SpecificRecord> Serde<T> singleObject(Class<T> type) {
        SpecificData data = SpecificData.getForClass(type);
        Schema schema = data.getSchema(type);
        BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(data, schema);
        BinaryMessageDecoder<T> decoder = new BinaryMessageDecoder<>(data, schema);
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return encoder.encode(value).array();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return decoder.decode(ByteBuffer.wrap(bytes));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Not a single-object encoded " + schema.getName() + " (" + bytes.length + " bytes): " + e, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
