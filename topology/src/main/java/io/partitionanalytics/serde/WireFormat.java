package io.partitionanalytics.serde;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The encodings of Avro records this application reads, named as in {@code input.format}.
 *
 * <ul>
 *   <li>{@code confluent}: magic byte {@code 0x00}, the schema id as 4 big-endian bytes, Avro binary (the wire format
 *       of Confluent's serializers; the id is resolved through the schema registry);
 *   <li>{@code single-object}: Avro's single-object encoding, {@code C3 01}, the 8-byte little-endian CRC-64-AVRO
 *       fingerprint of the writer schema, Avro binary;
 *   <li>{@code json}: a JSON object whose fields are the record's, by name (snake_case);
 *   <li>{@code auto}: any of these, told apart per record by the first byte(s).
 * </ul>
 */
public enum WireFormat {
    AUTO,
    CONFLUENT,
    SINGLE_OBJECT,
    JSON;

    /** Computed once: the input path names the format of every record it reads. */
    private final String configName = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public static final byte CONFLUENT_MAGIC = 0x00;
    public static final byte SINGLE_OBJECT_MAGIC_0 = (byte) 0xC3;
    public static final byte SINGLE_OBJECT_MAGIC_1 = 0x01;
    /** Magic byte and 4-byte schema id. */
    public static final int CONFLUENT_HEADER_BYTES = 5;
    /** Two magic bytes and the 8-byte fingerprint. */
    public static final int SINGLE_OBJECT_HEADER_BYTES = 10;

    /** As written in config: {@code auto}, {@code confluent}, {@code single-object}, {@code json}. */
    public String configName() {
        return configName;
    }

    public static WireFormat fromConfig(String name) {
        for (WireFormat format : values()) {
            if (format.configName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Unknown format '" + name + "'; one of " + configNames());
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(WireFormat::configName).toList();
    }

    /** The format a value is in, judging by its first bytes; {@link #AUTO} when it is none of them. */
    public static WireFormat detect(byte[] value) {
        if (value.length == 0) {
            return AUTO;
        }
        if (value[0] == CONFLUENT_MAGIC) {
            return CONFLUENT;
        }
        if (value[0] == SINGLE_OBJECT_MAGIC_0) {
            return SINGLE_OBJECT;
        }
        for (byte b : value) {
            if (b == '{') {
                return JSON;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return AUTO;
            }
        }
        return AUTO;
    }
}
