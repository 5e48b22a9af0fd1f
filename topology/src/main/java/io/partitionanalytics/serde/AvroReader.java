package io.partitionanalytics.serde;

import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryException;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import io.partitionanalytics.serde.registry.UnusableSchemaException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads values of one record type in one {@link WireFormat} (or any, with {@link WireFormat#AUTO}) into the current
 * generated class: the writer's schema — from the registry by id, or from {@link WriterSchemas} by fingerprint — is
 * resolved to the current one (Avro schema resolution: fields added since default, removed ones skipped).
 *
 * <p>A {@linkplain #projecting projecting} reader decodes only some fields of the type into a view of them: the
 * writer is still checked against the whole type (a value the full reader rejects, this one rejects too), but the
 * other fields are skipped, not decoded — no strings built for fields nobody reads.
 *
 * <p>Anything that does not decode throws a {@link DecodeException} saying why; a registry that cannot be asked throws
 * {@link SchemaRegistryUnavailableException} (not a property of the value). Thread-safe.
 *
 * @param <T> what {@link #read} returns: the record type, or the projection's view
 */
public final class AvroReader<T> {

    /** Reused per thread: a decoder is a few objects, and this is done for every input record. */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    /** The whole record type: what writers are checked against. */
    private final Schema readerSchema;
    /** What is decoded: the whole record type, or the projection's fields of it. */
    private final Schema decodedSchema;

    private final GenericData decodingModel;
    private final Function<GenericRecord, T> view;
    private final WireFormat format;
    private final SchemaStore writerSchemas;
    private final SchemaRegistryClient registry;
    private final JsonRecordReader json;
    private final Map<Integer, Resolution> byId = new ConcurrentHashMap<>();
    private final Map<Long, Resolution> byFingerprint = new ConcurrentHashMap<>();

    private <R extends SpecificRecord> AvroReader(
            SpecificData model,
            Class<R> type,
            List<String> projectedFields,
            Function<GenericRecord, T> view,
            WireFormat format,
            SchemaStore writerSchemas,
            SchemaRegistryClient registry) {
        this.readerSchema = model.getSchema(type);
        if (projectedFields == null) {
            this.decodedSchema = readerSchema;
            this.decodingModel = model;
        } else {
            this.decodedSchema = projection(readerSchema, projectedFields);
            // Generic records: the projection has the type's name, but not its generated class's fields.
            this.decodingModel = GenericData.get();
        }
        this.view = view;
        this.format = format;
        this.writerSchemas = writerSchemas;
        this.registry = registry;
        this.json = new JsonRecordReader(model, readerSchema);
    }

    /**
     * A reader of whole records of {@code type}.
     *
     * @param registry null without a schema registry: Confluent-framed values are then {@link
     *     DecodeFailure#NO_REGISTRY}
     */
    public static <R extends SpecificRecord> AvroReader<R> of(
            Class<R> type, WireFormat format, SchemaStore writerSchemas, SchemaRegistryClient registry) {
        // The datum reader builds instances of the generated class: the cast cannot fail.
        return new AvroReader<>(
                SpecificData.getForClass(type), type, null, type::cast, format, writerSchemas, registry);
    }

    /**
     * A reader that decodes only {@code fields} of {@code type} and returns {@code view} of them. The view is given a
     * record holding those fields (read by name); it must not keep the record.
     */
    public static <R extends SpecificRecord, T> AvroReader<T> projecting(
            Class<R> type,
            List<String> fields,
            Function<GenericRecord, T> view,
            WireFormat format,
            SchemaStore writerSchemas,
            SchemaRegistryClient registry) {
        return new AvroReader<>(
                SpecificData.getForClass(type), type, List.copyOf(fields), view, format, writerSchemas, registry);
    }

    private static Schema projection(Schema record, List<String> fields) {
        List<Schema.Field> kept = new ArrayList<>(fields.size());
        for (String name : fields) {
            Schema.Field field = record.getField(name);
            if (field == null) {
                throw new IllegalArgumentException(record.getFullName() + " has no field '" + name + "'");
            }
            kept.add(new Schema.Field(field, field.schema()));
        }
        // The same full name, so that Avro resolves writers of the type to it.
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, kept);
    }

    public WireFormat format() {
        return format;
    }

    /** The format {@link #read} reads {@code value} as: the configured one, or the detected one under auto. */
    public WireFormat formatOf(byte[] value) {
        return format == WireFormat.AUTO ? WireFormat.detect(value) : format;
    }

    public T read(byte[] value) {
        if (value.length == 0) {
            throw new DecodeException(DecodeFailure.TRUNCATED, format, "empty value");
        }
        switch (formatOf(value)) {
            case CONFLUENT:
                return readConfluent(value);
            case SINGLE_OBJECT:
                return readSingleObject(value);
            case JSON:
                return view.apply(json.read(value));
            default:
                throw new DecodeException(
                        DecodeFailure.UNKNOWN_FORMAT,
                        WireFormat.AUTO,
                        String.format(
                                "first byte 0x%02x is none of 0x00 (Confluent), 0xC3 (single-object), '{' (JSON)",
                                value[0] & 0xff));
        }
    }

    private T readConfluent(byte[] value) {
        if (value[0] != WireFormat.CONFLUENT_MAGIC) {
            throw new DecodeException(
                    DecodeFailure.WRONG_MAGIC,
                    WireFormat.CONFLUENT,
                    String.format("magic byte 0x%02x, expected 0x00", value[0] & 0xff));
        }
        if (registry == null) {
            throw new DecodeException(
                    DecodeFailure.NO_REGISTRY,
                    WireFormat.CONFLUENT,
                    "Confluent-framed value, but no schema.registry.url to resolve its schema id");
        }
        if (value.length < WireFormat.CONFLUENT_HEADER_BYTES) {
            throw new DecodeException(
                    DecodeFailure.TRUNCATED,
                    WireFormat.CONFLUENT,
                    value.length + " bytes: shorter than the 5-byte Confluent header");
        }
        int id = ByteBuffer.wrap(value, 1, 4).getInt();
        Resolution resolution = byId.get(id);
        if (resolution == null) {
            resolution = resolveId(id);
        }
        return decode(resolution, value, WireFormat.CONFLUENT_HEADER_BYTES, WireFormat.CONFLUENT);
    }

    private Resolution resolveId(int id) {
        if (id < 0) {
            throw new DecodeException(
                    DecodeFailure.UNKNOWN_SCHEMA_ID, WireFormat.CONFLUENT, "negative schema id " + id);
        }
        Schema writer;
        try {
            writer = registry.schemaById(id);
        } catch (UnusableSchemaException e) {
            return remember(byId, id, Resolution.failed("schema id " + id, e.getMessage()));
        } catch (SchemaRegistryException e) {
            // Only an answer about this id reaches here: outages throw SchemaRegistryUnavailableException.
            throw new DecodeException(
                    DecodeFailure.UNKNOWN_SCHEMA_ID,
                    WireFormat.CONFLUENT,
                    "schema id " + id + " unknown to the registry (" + e.getMessage() + ")");
        }
        return remember(byId, id, resolve(writer, "schema id " + id));
    }

    private T readSingleObject(byte[] value) {
        if (value[0] != WireFormat.SINGLE_OBJECT_MAGIC_0) {
            throw new DecodeException(
                    DecodeFailure.WRONG_MAGIC,
                    WireFormat.SINGLE_OBJECT,
                    String.format("first byte 0x%02x, expected 0xC3", value[0] & 0xff));
        }
        if (value.length < 2) {
            throw new DecodeException(
                    DecodeFailure.TRUNCATED, WireFormat.SINGLE_OBJECT, "1 byte: shorter than the single-object header");
        }
        if (value[1] != WireFormat.SINGLE_OBJECT_MAGIC_1) {
            throw new DecodeException(
                    DecodeFailure.WRONG_MAGIC,
                    WireFormat.SINGLE_OBJECT,
                    String.format(
                            "second byte 0x%02x, expected 0x01 (single-object encoding version 1)", value[1] & 0xff));
        }
        if (value.length < WireFormat.SINGLE_OBJECT_HEADER_BYTES) {
            throw new DecodeException(
                    DecodeFailure.TRUNCATED,
                    WireFormat.SINGLE_OBJECT,
                    value.length + " bytes: shorter than the 10-byte single-object header");
        }
        long fingerprint =
                ByteBuffer.wrap(value, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Resolution resolution = byFingerprint.get(fingerprint);
        if (resolution == null) {
            Schema writer = writerSchemas.findByFingerprint(fingerprint);
            if (writer == null) {
                throw new DecodeException(
                        DecodeFailure.UNKNOWN_SCHEMA,
                        WireFormat.SINGLE_OBJECT,
                        String.format("no known writer schema has fingerprint %016x", fingerprint));
            }
            resolution = remember(
                    byFingerprint, fingerprint, resolve(writer, String.format("fingerprint %016x", fingerprint)));
        }
        return decode(resolution, value, WireFormat.SINGLE_OBJECT_HEADER_BYTES, WireFormat.SINGLE_OBJECT);
    }

    private Resolution resolve(Schema writer, String what) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return Resolution.failed(
                    what,
                    what + " (" + writer.getFullName() + ") cannot be read as "
                            + readerSchema.getFullName() + ": "
                            + compatibility.getResult().getIncompatibilities().stream()
                                    .map(SchemaCompatibility.Incompatibility::getMessage)
                                    .findFirst()
                                    .orElse("incompatible"));
        }
        DatumReader<GenericRecord> reader = decodingModel instanceof SpecificData specific
                ? new SpecificDatumReader<>(writer, decodedSchema, specific)
                : new GenericDatumReader<>(writer, decodedSchema, decodingModel);
        return new Resolution(reader, what, null);
    }

    private T decode(Resolution resolution, byte[] value, int offset, WireFormat format) {
        String what = resolution.writer();
        if (resolution.failure() != null) {
            throw new DecodeException(DecodeFailure.INCOMPATIBLE_SCHEMA, format, resolution.failure());
        }
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(value, offset, value.length - offset, DECODERS.get());
        DECODERS.set(decoder);
        GenericRecord record;
        try {
            record = resolution.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new DecodeException(
                        DecodeFailure.MALFORMED_AVRO,
                        format,
                        what + ": bytes left over after the record (" + value.length + " bytes in all)");
            }
        } catch (EOFException e) {
            throw new DecodeException(
                    DecodeFailure.TRUNCATED,
                    format,
                    what + ": the value ends inside the Avro record (" + value.length + " bytes)");
        } catch (IOException | RuntimeException e) {
            if (e instanceof DecodeException decodeException) {
                throw decodeException;
            }
            throw new DecodeException(DecodeFailure.MALFORMED_AVRO, format, what + ": " + e);
        }
        return view.apply(record);
    }

    private static <K, R> R remember(Map<K, R> cache, K key, R value) {
        if (cache.size() >= 1_000) {
            cache.clear();
        }
        cache.put(key, value);
        return value;
    }

    /**
     * How to read one writer schema: its datum reader, or why it cannot be read. {@code writer} names it in error
     * messages ("schema id 7", "fingerprint ..."), built once here rather than per record.
     */
    private record Resolution(DatumReader<GenericRecord> reader, String writer, String failure) {

        static Resolution failed(String writer, String failure) {
            return new Resolution(null, writer, failure);
        }
    }
}
