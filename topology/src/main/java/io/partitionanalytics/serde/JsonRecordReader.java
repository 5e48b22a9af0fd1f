package io.partitionanalytics.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a record from a plain JSON object (not Avro's JSON encoding): {@code {"event_id": "e-1", "timestamp_ms":
 * 1700000000000, "latitude": null, ...}}. Fields are matched by name; a missing or null field takes its default
 * (optional fields), unknown fields are ignored, and types are strict: a long must be an integral JSON number within
 * range, a string a JSON string. Covers the primitive types, enums and nullable unions of them — what the input
 * record uses.
 */
final class JsonRecordReader<T extends SpecificRecord> {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SpecificData model;
    private final Schema schema;

    JsonRecordReader(SpecificData model, Schema schema) {
        this.model = model;
        this.schema = schema;
    }

    @SuppressWarnings("unchecked")
    T read(byte[] value) {
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new DecodeException(
                    DecodeFailure.MALFORMED_JSON, WireFormat.JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DecodeException(DecodeFailure.MALFORMED_JSON, WireFormat.JSON, "not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            throw new DecodeException(DecodeFailure.MALFORMED_JSON, WireFormat.JSON, "not a JSON object");
        }
        T record = (T) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            JsonNode node = json.get(field.name());
            Object converted;
            if (node == null) {
                if (!field.hasDefaultValue()) {
                    throw invalid(field, "missing");
                }
                converted = model.getDefaultValue(field);
            } else {
                converted = convert(field, field.schema(), node);
            }
            record.put(field.pos(), converted);
        }
        return record;
    }

    private Object convert(Schema.Field field, Schema type, JsonNode node) {
        switch (type.getType()) {
            case NULL:
                if (node.isNull()) {
                    return null;
                }
                throw invalid(field, "expected null, got " + node.getNodeType());
            case BOOLEAN:
                if (node.isBoolean()) {
                    return node.booleanValue();
                }
                break;
            case INT:
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                break;
            case LONG:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
                break;
            case FLOAT:
                if (node.isNumber()) {
                    return node.floatValue();
                }
                break;
            case DOUBLE:
                if (node.isNumber()) {
                    return node.doubleValue();
                }
                break;
            case STRING:
                if (node.isTextual()) {
                    return node.textValue();
                }
                break;
            case ENUM:
                if (node.isTextual() && type.hasEnumSymbol(node.textValue())) {
                    return model.createEnum(node.textValue(), type);
                }
                break;
            case UNION:
                for (Schema branch : type.getTypes()) {
                    if (node.isNull() == (branch.getType() == Schema.Type.NULL)) {
                        try {
                            return convert(field, branch, node);
                        } catch (DecodeException e) {
                            // try the next branch
                        }
                    }
                }
                break;
            default:
                throw invalid(field, "type " + type.getType() + " is not supported in JSON input");
        }
        throw invalid(field, "expected " + typeName(type) + ", got " + describe(node));
    }

    private static String typeName(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type.getType().getName();
        }
        return type.getTypes().stream()
                .map(JsonRecordReader::typeName)
                .collect(java.util.stream.Collectors.joining(" or "));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static DecodeException invalid(Schema.Field field, String problem) {
        return new DecodeException(
                DecodeFailure.INVALID_FIELD, WireFormat.JSON, "field '" + field.name() + "': " + problem);
    }
}
