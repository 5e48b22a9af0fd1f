package io.partitionanalytics.input;

/** Reasons to refuse a record found before or after decoding (decoding failures: {@code DecodeFailure}). */
public enum InputCheck {
    NULL_KEY("null-key"),
    EMPTY_KEY("empty-key"),
    NULL_VALUE("null-value"),
    EMPTY_VALUE("empty-value"),
    /** Key and value together larger than {@code input.max.record.bytes}. */
    RECORD_TOO_LARGE("record-too-large"),
    NEGATIVE_TIMESTAMP("negative-timestamp"),
    /** {@code timestamp_ms} more than {@code input.max.future.skew.ms} ahead of the wall clock. */
    FUTURE_TIMESTAMP("future-timestamp"),
    /** A decoded field the pipeline cannot count (a negative {@code payload_bytes}). */
    INVALID_FIELD("invalid-field");

    private final String label;

    InputCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
