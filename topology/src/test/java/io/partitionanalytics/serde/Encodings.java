package io.partitionanalytics.serde;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Input values as other producers write them, built from the documented formats with plain Avro (not with this
 * application's serializers): Confluent framing, Avro single-object encoding, JSON; writer schema v1 (no {@code
 * region}) or the current v2.
 */
public final class Encodings {

    public static final Schema V1 = ReleasedSchemas.version("MessageEvent", 1).orElseThrow();
    public static final Schema V2 = MessageEvent.getClassSchema();

    private Encodings() {}

    /** A v1 event (what a producer on the first released schema writes). */
    public static GenericRecord v1(String eventId, String channel, long timestampMs, int payloadBytes) {
        GenericRecord record = new GenericData.Record(V1);
        record.put("event_id", eventId);
        record.put("channel_id", channel);
        record.put("guild_id", "g-1");
        record.put("user_id", "u-1");
        record.put("timestamp_ms", timestampMs);
        record.put("payload_bytes", payloadBytes);
        record.put("latitude", 48.85);
        record.put("longitude", 2.35);
        return record;
    }

    /** A current (v2) event, with a region. */
    public static GenericRecord v2(String eventId, String channel, long timestampMs, int payloadBytes, String region) {
        GenericRecord record = new GenericData.Record(V2);
        record.put("event_id", eventId);
        record.put("channel_id", channel);
        record.put("guild_id", "g-1");
        record.put("user_id", "u-1");
        record.put("timestamp_ms", timestampMs);
        record.put("payload_bytes", payloadBytes);
        record.put("latitude", null);
        record.put("longitude", null);
        record.put("region", region);
        return record;
    }

    /** Avro binary of {@code record} with its own schema. */
    public static byte[] avroBinary(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Confluent wire format: {@code 0x00}, schema id (4 bytes, big-endian), Avro binary. */
    public static byte[] confluent(int schemaId, GenericRecord record) {
        byte[] body = avroBinary(record);
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(schemaId)
                .put(body)
                .array();
    }

    /** Avro single-object encoding: {@code C3 01}, CRC-64-AVRO fingerprint (8 bytes, little-endian), Avro binary. */
    public static byte[] singleObject(GenericRecord record) {
        byte[] body = avroBinary(record);
        return ByteBuffer.allocate(10 + body.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3)
                .put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(record.getSchema()))
                .put(body)
                .array();
    }

    /** A JSON object with the event's fields; {@code region} only when given. */
    public static byte[] json(String eventId, String channel, long timestampMs, int payloadBytes, String region) {
        String json = "{\"event_id\":\"" + eventId + "\",\"channel_id\":\"" + channel
                + "\",\"guild_id\":\"g-1\",\"user_id\":\"u-1\",\"timestamp_ms\":" + timestampMs
                + ",\"payload_bytes\":" + payloadBytes + ",\"latitude\":null"
                + (region == null ? "" : ",\"region\":\"" + region + "\"") + "}";
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The first {@code length} bytes. */
    public static byte[] truncated(byte[] value, int length) {
        return java.util.Arrays.copyOf(value, length);
    }
}
