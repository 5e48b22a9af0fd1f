package io.partitionanalytics.simulate;

/**
 * One event of a key trace: everything a strategy may look at (key bytes, event time, location) and its size.
 *
 * @param key the key's bytes (UTF-8 of the trace's key text); shared, not copied
 * @param timestampMs event time in epoch milliseconds
 * @param bytes payload size
 * @param latitude WGS84 degrees, {@link Double#NaN} when the event has no location
 * @param longitude WGS84 degrees, {@link Double#NaN} when the event has no location
 */
public record TraceEvent(byte[] key, long timestampMs, long bytes, double latitude, double longitude) {

    public TraceEvent {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
    }

    public boolean hasLocation() {
        return !Double.isNaN(latitude);
    }
}
