package io.partitionanalytics.serde;

/** Why a value could not be read; the label is what the dead-letter header and the metric tag say. */
public enum DecodeFailure {
    /** {@code input.format=auto} and the first byte is neither 0x00 (Confluent), 0xC3 (single-object) nor '{'. */
    UNKNOWN_FORMAT("unknown-format"),
    /** A fixed {@code input.format} and the value does not start with that format's magic bytes. */
    WRONG_MAGIC("wrong-magic"),
    /** Confluent framing, but no {@code schema.registry.url} to resolve its schema id. */
    NO_REGISTRY("no-registry"),
    /** Confluent framing with an id the registry does not know (error 40403). */
    UNKNOWN_SCHEMA_ID("unknown-schema-id"),
    /** Single-object encoding with a fingerprint of no known writer schema. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** The writer schema is known but cannot be read as the expected record (another record, not Avro, ...). */
    INCOMPATIBLE_SCHEMA("incompatible-schema"),
    /** The value ends before its header or its Avro body does. */
    TRUNCATED("truncated"),
    /** The Avro body does not decode (bad lengths, union or enum indexes, bytes left over, ...). */
    MALFORMED_AVRO("malformed-avro"),
    /** Not a JSON object. */
    MALFORMED_JSON("malformed-json"),
    /** A field is missing, of the wrong type, or out of the range the pipeline accepts. */
    INVALID_FIELD("invalid-field");

    private final String label;

    DecodeFailure(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
