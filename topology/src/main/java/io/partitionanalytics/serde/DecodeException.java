package io.partitionanalytics.serde;

/**
 * A value that cannot be read, with the reason. Bad input, not a bug: thrown once per bad record, so it carries no
 * stack trace.
 */
public final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DecodeFailure failure;
    private final WireFormat format;

    public DecodeException(DecodeFailure failure, WireFormat format, String message) {
        super(failure.label() + ": " + message, null, false, false);
        this.failure = failure;
        this.format = format;
    }

    public DecodeFailure failure() {
        return failure;
    }

    /** The format the value was read as, {@link WireFormat#AUTO} when it could not be told. */
    public WireFormat format() {
        return format;
    }
}
