package io.partitionanalytics.input;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * What the analysis needs of a {@code MessageEvent}: its time, size and place. The key (the channel) travels as the
 * record key. The validation step reads only these fields of each input value (an Avro projection), so the strings of
 * the event (ids, region) are skipped rather than decoded for every record.
 *
 * @param latitude WGS84 degrees, {@link Double#NaN} when the event has no location
 * @param longitude WGS84 degrees, {@link Double#NaN} when the event has no location
 */
public record EventFacts(long timestampMs, int payloadBytes, double latitude, double longitude) {

    /** The {@code MessageEvent} fields these facts come from. */
    static final List<String> FIELDS = List.of("timestamp_ms", "payload_bytes", "latitude", "longitude");

    /** The facts of a record holding (at least) {@link #FIELDS}. */
    static EventFacts of(GenericRecord event) {
        return new EventFacts(
                (Long) event.get("timestamp_ms"),
                (Integer) event.get("payload_bytes"),
                orNaN(event.get("latitude")),
                orNaN(event.get("longitude")));
    }

    private static double orNaN(Object degrees) {
        return degrees == null ? Double.NaN : (Double) degrees;
    }
}
