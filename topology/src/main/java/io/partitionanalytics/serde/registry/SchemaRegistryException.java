package io.partitionanalytics.serde.registry;

/**
 * A definitive answer of the schema registry that is not a success: an HTTP status with the registry's error body
 * ({@code {"error_code": 40403, "message": "Schema not found"}}). Retrying the same request would get the same answer.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code error_code} of "subject not found". */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** {@code error_code} of "version not found". */
    public static final int VERSION_NOT_FOUND = 40402;
    /** {@code error_code} of "schema not found". */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** {@code error_code} of "invalid schema". */
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code}, or the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }

    public boolean isSchemaNotFound() {
        return errorCode == SCHEMA_NOT_FOUND;
    }

    public boolean isSubjectOrSchemaNotFound() {
        return errorCode == SUBJECT_NOT_FOUND || errorCode == SCHEMA_NOT_FOUND;
    }
}
