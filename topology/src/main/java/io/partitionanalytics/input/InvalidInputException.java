package io.partitionanalytics.input;

/**
 * An input record that cannot be analysed, and why: thrown by {@link InputValidationProcessor} so that Kafka Streams'
 * processing-exception handling ({@link DeadLetterExceptionHandler}) writes the original record to the dead-letter
 * topic. Bad input, not a bug: no stack trace.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String cause;
    private final String format;

    /**
     * @param cause the short, stable label of the reason ({@code truncated}, {@code null-key}, ...)
     * @param format the input format the value was read as, or null when it was not read
     */
    public InvalidInputException(String cause, String format, String message) {
        super(message, null, false, false);
        this.cause = cause;
        this.format = format;
    }

    /** The label of the reason: dead-letter header {@code partition-analytics.dlq.cause}, metric tag {@code cause}. */
    public String deadLetterCause() {
        return cause;
    }

    public String format() {
        return format;
    }
}
