package io.partitionanalytics.connect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Avro records as flat Connect {@link Struct}s that a JDBC sink can write as one row: every top-level field becomes a
 * column. Primitives stay primitives (a {@code ["null", T]} union becomes an optional T, an enum a string,
 * {@code timestamp-millis} a Connect {@link Timestamp}); anything nested — arrays (such as {@code top_keys}, an array
 * of {@code KeyLoad}), maps, records, other unions — becomes a JSON string with schema name {@value #JSON_SCHEMA_NAME}
 * and the Debezium column type parameter {@code JSONB}, which Debezium's JDBC sink binds as {@code cast(? as jsonb)}:
 * the JDBC sink takes no nested arrays of structs, and jsonb keeps them queryable ({@code jsonb_array_elements}).
 */
final class AvroConnectData {

    /** Debezium's semantic type of a JSON document held in a string. */
    static final String JSON_SCHEMA_NAME = "io.debezium.data.Json";
    /** The schema parameter Debezium's JDBC sink reads the source column type from (json or jsonb). */
    static final String COLUMN_TYPE_PARAMETER = "__debezium.source.column.type";

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<org.apache.avro.Schema, Schema> schemas = new ConcurrentHashMap<>();

    /** The Connect schema of a record schema (cached). */
    Schema connectSchema(org.apache.avro.Schema record) {
        if (record.getType() != org.apache.avro.Schema.Type.RECORD) {
            throw new DataException("Expected an Avro record, got " + record.getType() + " " + record.getFullName());
        }
        return schemas.computeIfAbsent(record, AvroConnectData::buildSchema);
    }

    private static Schema buildSchema(org.apache.avro.Schema record) {
        SchemaBuilder struct = SchemaBuilder.struct().name(record.getFullName());
        if (record.getDoc() != null) {
            struct.doc(record.getDoc());
        }
        for (org.apache.avro.Schema.Field field : record.getFields()) {
            struct.field(field.name(), fieldSchema(field.schema(), field.doc()));
        }
        return struct.build();
    }

    private static Schema fieldSchema(org.apache.avro.Schema avro, String doc) {
        boolean optional = false;
        org.apache.avro.Schema type = avro;
        if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
            List<org.apache.avro.Schema> branches = avro.getTypes();
            List<org.apache.avro.Schema> nonNull = branches.stream()
                    .filter(s -> s.getType() != org.apache.avro.Schema.Type.NULL)
                    .toList();
            optional = nonNull.size() < branches.size();
            type = nonNull.size() == 1 ? nonNull.get(0) : avro;
        }
        SchemaBuilder builder = primitive(type);
        if (builder == null) {
            builder =
                    SchemaBuilder.string().name(JSON_SCHEMA_NAME).version(1).parameter(COLUMN_TYPE_PARAMETER, "JSONB");
        }
        if (optional) {
            builder.optional();
        }
        if (doc != null) {
            builder.doc(doc);
        }
        return builder.build();
    }

    private static SchemaBuilder primitive(org.apache.avro.Schema type) {
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Timestamp.builder();
        }
        return switch (type.getType()) {
            case BOOLEAN -> SchemaBuilder.bool();
            case INT -> SchemaBuilder.int32();
            case LONG -> SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case STRING, ENUM -> SchemaBuilder.string();
            case BYTES, FIXED -> logical == null ? SchemaBuilder.bytes() : null;
            default -> null;
        };
    }

    /** The Connect value of a record read with {@code record.getSchema()}; {@code schema} from {@link #connectSchema}. */
    Struct toStruct(IndexedRecord record, Schema schema) {
        Struct struct = new Struct(schema);
        for (org.apache.avro.Schema.Field field : record.getSchema().getFields()) {
            Schema fieldSchema = schema.field(field.name()).schema();
            Object value = record.get(field.pos());
            struct.put(field.name(), value == null ? null : fieldValue(value, fieldSchema, field.schema()));
        }
        return struct;
    }

    private static Object fieldValue(Object value, Schema connect, org.apache.avro.Schema avro) {
        if (JSON_SCHEMA_NAME.equals(connect.name())) {
            return toJson(value, avro);
        }
        return switch (connect.type()) {
            case STRING -> value.toString(); // Utf8, String or an enum symbol
            case BYTES -> value instanceof GenericFixed fixed ? fixed.bytes() : bytes((ByteBuffer) value);
            case INT64 -> Timestamp.LOGICAL_NAME.equals(connect.name()) ? new Date((Long) value) : value;
            default -> value;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** An Avro value as plain JSON: records and maps as objects, a union as its branch's value, bytes in base64. */
    static String toJson(Object value, org.apache.avro.Schema schema) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, value, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value, org.apache.avro.Schema schema) throws IOException {
        switch (schema.getType()) {
            case UNION -> {
                int branch = GenericData.get().resolveUnion(schema, value);
                write(json, value, schema.getTypes().get(branch));
            }
            case NULL -> json.writeNull();
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) value;
                json.writeStartObject();
                for (org.apache.avro.Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(json, record.get(field.pos()), field.schema());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (Object element : (Iterable<?>) value) {
                    write(json, element, schema.getElementType());
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    write(json, entry.getValue(), schema.getValueType());
                }
                json.writeEndObject();
            }
            case STRING, ENUM -> json.writeString(value.toString());
            case BOOLEAN -> json.writeBoolean((Boolean) value);
            case INT -> json.writeNumber((Integer) value);
            case LONG -> json.writeNumber((Long) value);
            case FLOAT -> writeDouble(json, (Float) value);
            case DOUBLE -> writeDouble(json, (Double) value);
            case BYTES -> json.writeBinary(bytes((ByteBuffer) value));
            case FIXED -> json.writeBinary(((GenericFixed) value).bytes());
        }
    }

    private static void writeDouble(JsonGenerator json, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value)); // JSON (and jsonb) has no NaN / Infinity
        }
    }
}
