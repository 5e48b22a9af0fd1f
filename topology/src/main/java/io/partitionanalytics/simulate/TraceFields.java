package io.partitionanalytics.simulate;

/** The field names of a trace, shared by its CSV header and its JSON objects, and their value rules. */
final class TraceFields {

    static final String KEY = "key";
    static final String TIMESTAMP = "timestamp";
    static final String BYTES = "bytes";
    static final String LAT = "lat";
    static final String LNG = "lng";

    private TraceFields() {}

    static long bytes(String text) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BYTES + " '" + text + "' is not a whole number");
        }
        if (value < 0) {
            throw new IllegalArgumentException(BYTES + " must be >= 0, got " + value);
        }
        return value;
    }

    static double coordinate(String field, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + text + "' is not a finite number");
        }
    }

    /** A location is all or nothing: half of one is a broken line, not an event without location. */
    static void checkLocation(double lat, double lng) {
        if (Double.isNaN(lat) != Double.isNaN(lng)) {
            throw new IllegalArgumentException("give both " + LAT + " and " + LNG + ", or neither");
        }
        if (!Double.isNaN(lat) && (lat < -90.0 || lat > 90.0)) {
            throw new IllegalArgumentException(LAT + " must be in [-90, 90], got " + lat);
        }
    }
}
