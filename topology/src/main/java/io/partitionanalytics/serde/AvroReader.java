package io.partitionanalytics.serde;

import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryException;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import io.partitionanalytics.serde.registry.UnusableSchemaException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
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
 * <p>Anything that does not decode throws a {@link DecodeException} saying why; a registry that cannot be asked throws
 * {@link SchemaRegistryUnavailableException} (not a property of the value). Thread-safe; a {@link Scratch} is not.
 */
public final class AvroReader<T extends SpecificRecord> {

    private final SpecificData model;
    private final Schema readerSchema;
    private final String readerParsingForm;
    private final OwnSchemaReader<T> ownSchemaNumbers;
    private final WireFormat format;
    private final SchemaStore writerSchemas;
    private final SchemaRegistryClient registry;
    private final JsonRecordReader<T> json;
    private final Map<Integer, Resolution<T>> byId = new ConcurrentHashMap<>();
    private final Map<Long, Resolution<T>> byFingerprint = new ConcurrentHashMap<>();

    /**
     * @param registry null without a schema registry: Confluent-framed values are then {@link
     *     DecodeFailure#NO_REGISTRY}
     */
    public AvroReader(Class<T> type, WireFormat format, SchemaStore writerSchemas, SchemaRegistryClient registry) {
        this(type, format, writerSchemas, registry, null);
    }

    /**
     * @param ownSchemaNumbers null, or how {@link #readNumbers} reads values written with {@code type}'s own schema (see
     *     {@link OwnSchemaReader}); values of any other writer schema are resolved as always
     */
    public AvroReader(
            Class<T> type,
            WireFormat format,
            SchemaStore writerSchemas,
            SchemaRegistryClient registry,
            OwnSchemaReader<T> ownSchemaNumbers) {
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        this.readerParsingForm = SchemaNormalization.toParsingForm(readerSchema);
        this.ownSchemaNumbers = ownSchemaNumbers;
        this.format = format;
        this.writerSchemas = writerSchemas;
        this.registry = registry;
        this.json = new JsonRecordReader<>(model, readerSchema);
    }

    public WireFormat format() {
        return format;
    }

    /** The format {@link #read} reads {@code value} as: the configured one, or the detected one under auto. */
    public WireFormat formatOf(byte[] value) {
        return format == WireFormat.AUTO ? WireFormat.detect(value) : format;
    }

    public T read(byte[] value) {
        return read(value, null);
    }

    /**
     * Reads {@code value} with every check of {@link #read}, but keeps only its numbers, into {@code scratch}'s record:
     * each string's length is read and checked as {@link #read} checks it (length, bounds) and its field left empty.
     * A value of the reader's own schema is read by the {@link OwnSchemaReader} given, if any; any other binary value
     * is resolved with its strings read into one buffer that the next overwrites ({@link TextDroppingDecoder}). For
     * callers that need no text (the input's {@code EventFacts}): a new record with four new strings per value was
     * most of the cost of reading input. The record (a new one for JSON values) is valid until the next call with
     * {@code scratch}.
     */
    public T readNumbers(byte[] value, Scratch<T> scratch) {
        return read(value, scratch);
    }

    /** A new {@link Scratch} for {@link #readNumbers}: one per thread that reads. */
    public Scratch<T> newScratch() {
        return new Scratch<>();
    }

    /**
     * Reads the body of a value whose writer schema is the reader's own (the same parsing canonical form, so the same
     * binary layout), field by field in that schema's order, straight from Avro's {@link BinaryDecoder} and with its
     * checks (a string's length read and checked as {@link BinaryDecoder#readString} checks it, a union's branch
     * checked, the end of the value an {@link EOFException}), keeping at least every number, into {@code reuse} (null
     * at first). It must refuse exactly what Avro's resolving reader refuses. What Avro's generated {@code
     * customDecode} does, without its {@code ResolvingDecoder}.
     *
     * <p>Why: for {@link #readNumbers} of every input value, Avro's reader (its fast reader: a tree of per-field
     * lambdas) takes almost three times as long (JMH {@code InputDecodeBenchmark}: 300 against 112 ns), and the JIT
     * compiles its ~7 KB of bytecode into every caller it is inlined into: over 2 s of the C2 compiler's time in a
     * 2 M-event run of the pipeline (BENCHMARKS.md). Must be stateless: one is shared by every thread that reads.
     */
    @FunctionalInterface
    public interface OwnSchemaReader<T> {
        T read(BinaryDecoder in, T reuse) throws IOException;
    }

    /**
     * What {@link #readNumbers} reuses from value to value: a decoder, the text-dropping decoder around it and a record.
     * Not thread-safe.
     */
    public static final class Scratch<T> {
        private BinaryDecoder decoder;
        private TextDroppingDecoder textDropping;
        private T record;

        private Scratch() {}

        private Decoder textDropping(BinaryDecoder configured) {
            if (textDropping == null || !textDropping.wraps(configured)) {
                textDropping = new TextDroppingDecoder(configured);
            }
            return textDropping;
        }
    }

    /** Reads into a new {@code T}, or into {@code scratch}'s record when there is one (see {@link #readNumbers}). */
    private T read(byte[] value, Scratch<T> scratch) {
        if (value.length == 0) {
            throw new DecodeException(DecodeFailure.TRUNCATED, format, "empty value");
        }
        switch (formatOf(value)) {
            case CONFLUENT:
                return readConfluent(value, scratch);
            case SINGLE_OBJECT:
                return readSingleObject(value, scratch);
            case JSON:
                return json.read(value);
            default:
                throw new DecodeException(
                        DecodeFailure.UNKNOWN_FORMAT,
                        WireFormat.AUTO,
                        String.format(
                                "first byte 0x%02x is none of 0x00 (Confluent), 0xC3 (single-object), '{' (JSON)",
                                value[0] & 0xff));
        }
    }

    private T readConfluent(byte[] value, Scratch<T> scratch) {
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
        Resolution<T> resolution = byId.get(id);
        if (resolution == null) {
            resolution = resolveId(id);
        }
        return decode(resolution, value, WireFormat.CONFLUENT_HEADER_BYTES, WireFormat.CONFLUENT, scratch);
    }

    private Resolution<T> resolveId(int id) {
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

    private T readSingleObject(byte[] value, Scratch<T> scratch) {
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
        Resolution<T> resolution = byFingerprint.get(fingerprint);
        if (resolution == null) {
            resolution = resolveFingerprint(fingerprint);
        }
        return decode(resolution, value, WireFormat.SINGLE_OBJECT_HEADER_BYTES, WireFormat.SINGLE_OBJECT, scratch);
    }

    // Apart from readSingleObject, as resolveId is from readConfluent: it runs once per writer schema, and in the hot
    // method its message formatting would be compiled into every caller the JIT inlines that method into.
    private Resolution<T> resolveFingerprint(long fingerprint) {
        Schema writer = writerSchemas.findByFingerprint(fingerprint);
        if (writer == null) {
            throw new DecodeException(
                    DecodeFailure.UNKNOWN_SCHEMA,
                    WireFormat.SINGLE_OBJECT,
                    String.format("no known writer schema has fingerprint %016x", fingerprint));
        }
        return remember(byFingerprint, fingerprint, resolve(writer, String.format("fingerprint %016x", fingerprint)));
    }

    private Resolution<T> resolve(Schema writer, String what) {
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
        return new Resolution<>(
                new SpecificDatumReader<>(writer, readerSchema, model),
                SchemaNormalization.toParsingForm(writer).equals(readerParsingForm),
                what,
                null);
    }

    private T decode(Resolution<T> resolution, byte[] value, int offset, WireFormat format, Scratch<T> scratch) {
        String what = resolution.writer();
        if (resolution.failure() != null) {
            throw new DecodeException(DecodeFailure.INCOMPATIBLE_SCHEMA, format, resolution.failure());
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(value, offset, value.length - offset, scratch == null ? null : scratch.decoder);
        T record;
        try {
            if (scratch == null) {
                record = resolution.reader().read(null, decoder);
            } else {
                scratch.decoder = decoder;
                // Same parsing form, same bytes: the writer's fields are the reader's, in its order.
                record = resolution.ownSchema() && ownSchemaNumbers != null
                        ? ownSchemaNumbers.read(decoder, scratch.record)
                        : resolution.reader().read(scratch.record, scratch.textDropping(decoder));
                scratch.record = record;
            }
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
        return record;
    }

    private static <K, R> R remember(Map<K, R> cache, K key, R value) {
        if (cache.size() >= 1_000) {
            cache.clear();
        }
        cache.put(key, value);
        return value;
    }

    /**
     * How to read one writer schema: its datum reader and whether it is the reader's own schema (same parsing canonical
     * form, so the same binary layout), or why it cannot be read. {@code writer} names it in error messages ("schema id
     * 7", "fingerprint ..."), built once here rather than per record.
     */
    private record Resolution<T>(DatumReader<T> reader, boolean ownSchema, String writer, String failure) {

        static <T> Resolution<T> failed(String writer, String failure) {
            return new Resolution<>(null, false, writer, failure);
        }
    }
}
