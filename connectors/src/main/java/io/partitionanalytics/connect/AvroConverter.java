package io.partitionanalytics.connect;

import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.schemas.ReleasedSchemas;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads partition-analytics' Avro output topics into flat Connect records for a JDBC sink (sink side only).
 *
 * <p>A value is either Confluent-framed ({@code 0x00}, 4-byte big-endian schema id, Avro binary; the writer schema
 * comes from the Confluent-compatible registry at {@code schema.registry.url}) or Avro single-object encoded
 * ({@code C3 01}, 8-byte little-endian CRC-64-AVRO fingerprint, Avro binary; the writer schema is one this build knows:
 * the current or a released version of each record in the {@code schemas} module). A value written by a known record's
 * older version is resolved to this build's current schema, so every row has the same columns. Nested values become
 * jsonb columns (see {@link AvroConnectData}).
 *
 * <p>Hand-written on purpose: Confluent's {@code AvroConverter} ({@code io.confluent:kafka-connect-avro-converter}) is
 * not on Maven Central (the only repository reachable here and a dependency users would have to fetch from
 * Confluent's own repository), Apicurio's converter speaks Apicurio's own registry API rather than the Confluent one,
 * and no library converter reads single-object encoding — the application's output without a registry. Neither
 * would turn nested arrays into jsonb.
 */
public final class AvroConverter implements Converter {

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";

    static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    SCHEMA_REGISTRY_URL_CONFIG,
                    ConfigDef.Type.LIST,
                    List.of(),
                    ConfigDef.Importance.HIGH,
                    "Comma-separated URLs of a Confluent-compatible schema registry; needed for Confluent-framed "
                            + "values (partition-analytics with schema.registry.url set). Without it, only Avro "
                            + "single-object encoded values are read.")
            .define(
                    BASIC_AUTH_USER_INFO_CONFIG,
                    ConfigDef.Type.PASSWORD,
                    null,
                    ConfigDef.Importance.MEDIUM,
                    "user:password for the registry's basic auth, if it wants it.")
            .define(
                    REQUEST_TIMEOUT_MS_CONFIG,
                    ConfigDef.Type.LONG,
                    10_000L,
                    ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.LOW,
                    "Timeout of one request to the registry.");

    private static final byte CONFLUENT_MAGIC = 0x00;
    private static final byte SINGLE_OBJECT_MAGIC_0 = (byte) 0xC3;
    private static final byte SINGLE_OBJECT_MAGIC_1 = 0x01;

    private static final Map<String, Schema> CURRENT = current();
    private static final Map<Long, Schema> KNOWN_BY_FINGERPRINT = knownByFingerprint();

    private final AvroConnectData connectData = new AvroConnectData();
    private final Map<Schema, Schema> readerOf = new ConcurrentHashMap<>();
    private final Map<Schema, GenericDatumReader<IndexedRecord>> readers = new ConcurrentHashMap<>();
    private RegistrySchemas registry;

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AbstractConfig config = new AbstractConfig(CONFIG, configs);
        List<String> urls = config.getList(SCHEMA_REGISTRY_URL_CONFIG);
        if (urls.isEmpty()) {
            registry = null;
            return;
        }
        List<URI> uris = urls.stream().map(AvroConverter::uri).toList();
        Password userInfo = config.getPassword(BASIC_AUTH_USER_INFO_CONFIG);
        registry = new RegistrySchemas(
                uris,
                userInfo == null ? null : userInfo.value(),
                Duration.ofMillis(config.getLong(REQUEST_TIMEOUT_MS_CONFIG)));
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG, url, e.getMessage());
        }
    }

    /** Sink side only: this converter never writes. */
    @Override
    public byte[] fromConnectData(String topic, org.apache.kafka.connect.data.Schema schema, Object value) {
        throw new DataException(getClass().getName() + " only reads (use it in sink connectors)");
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (value == null) {
            return SchemaAndValue.NULL; // a tombstone
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        Schema writer;
        if (value.length >= 5 && value[0] == CONFLUENT_MAGIC) {
            int id = buffer.getInt(1);
            if (registry == null) {
                throw new DataException("A value of topic " + topic + " is Confluent-framed (writer schema id " + id
                        + ") but " + SCHEMA_REGISTRY_URL_CONFIG + " is not set on this converter");
            }
            writer = registry.byId(id);
            buffer.position(5);
        } else if (value.length >= 10 && value[0] == SINGLE_OBJECT_MAGIC_0 && value[1] == SINGLE_OBJECT_MAGIC_1) {
            long fingerprint = buffer.order(ByteOrder.LITTLE_ENDIAN).getLong(2);
            writer = KNOWN_BY_FINGERPRINT.get(fingerprint);
            if (writer == null) {
                throw new DataException(String.format(
                        "A value of topic %s is single-object encoded with an unknown writer schema (fingerprint "
                                + "%016x): not a version of %s this converter knows; upgrade the converter",
                        topic, fingerprint, CURRENT.keySet()));
            }
            buffer.position(10);
        } else {
            throw new DataException("A value of topic " + topic + " is neither Confluent-framed Avro nor Avro "
                    + "single-object encoding (first bytes " + head(value) + ")");
        }
        Schema reader = readerOf.computeIfAbsent(writer, AvroConverter::readerFor);
        GenericDatumReader<IndexedRecord> datumReader =
                readers.computeIfAbsent(writer, w -> new GenericDatumReader<>(w, readerOf.get(w)));
        IndexedRecord record;
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(value, buffer.position(), value.length - buffer.position(), null);
            record = datumReader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new DataException(
                    "Cannot decode a value of topic " + topic + " with writer schema " + writer.getFullName() + ": "
                            + e,
                    e);
        }
        org.apache.kafka.connect.data.Schema schema = connectData.connectSchema(reader);
        return new SchemaAndValue(schema, connectData.toStruct(record, schema));
    }

    /** This build's current schema of the writer's record when it can read the writer's data, else the writer's. */
    private static Schema readerFor(Schema writer) {
        Schema current = CURRENT.get(writer.getFullName());
        if (current != null
                && SchemaCompatibility.checkReaderWriterCompatibility(current, writer)
                                .getType()
                        == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return current;
        }
        return writer;
    }

    private static String head(byte[] value) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, value.length); i++) {
            hex.append(String.format("%02x", value[i]));
        }
        return value.length == 0 ? "none: empty value" : hex.toString();
    }

    private static Map<String, Schema> current() {
        Map<String, Schema> current = new ConcurrentHashMap<>();
        for (Class<?> type : Arrays.asList(
                PartitionLoad.class, HotspotAlert.class, RebalanceRecommendation.class, MessageEvent.class)) {
            Schema schema = SpecificData.get().getSchema(type);
            current.put(schema.getFullName(), schema);
        }
        return Map.copyOf(current);
    }

    private static Map<Long, Schema> knownByFingerprint() {
        Map<Long, Schema> known = new ConcurrentHashMap<>();
        for (Schema schema : CURRENT.values()) {
            known.put(SchemaNormalization.parsingFingerprint64(schema), schema);
            for (Schema released : ReleasedSchemas.of(schema.getName())) {
                known.put(SchemaNormalization.parsingFingerprint64(released), released);
            }
        }
        return Map.copyOf(known);
    }
}
