package io.partitionanalytics.simulate;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Event times as people and tools write them: epoch milliseconds, or an ISO-8601 instant. */
public final class Timestamps {

    private Timestamps() {}

    /**
     * Parses {@code 1735689600000} or {@code 2025-01-01T00:00:00Z} (an offset such as {@code +01:00} instead of
     * {@code Z} is accepted too).
     *
     * @return epoch milliseconds
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static long parse(String text) {
        String value = text.trim();
        if (looksNumeric(value)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is out of range of epoch milliseconds");
            }
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + text
                    + "' is neither epoch milliseconds nor an ISO-8601 instant such as 2025-01-01T00:00:00Z");
        }
    }

    private static boolean looksNumeric(String value) {
        if (value.isEmpty()) {
            return false;
        }
        int start = value.charAt(0) == '-' ? 1 : 0;
        if (start == value.length()) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
