package io.partitionanalytics.serde.registry;

/**
 * The registry answered with a schema this application cannot use to read Avro: not an Avro schema (PROTOBUF, JSON),
 * one that references other subjects' schemas, or one that does not parse.
 */
public class UnusableSchemaException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public UnusableSchemaException(String message) {
        super(200, 0, message);
    }
}
