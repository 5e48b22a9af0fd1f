package io.partitionanalytics.input;

import io.partitionanalytics.schemas.MessageEvent;

/**
 * What the analysis needs of a {@code MessageEvent}: its time, size and place. The key (the channel) travels as the
 * record key. The validation step forwards these instead of the whole event, so that the steps after it depend on
 * four numbers, not on the schema's generated class.
 *
 * @param latitude WGS84 degrees, {@link Double#NaN} when the event has no location
 * @param longitude WGS84 degrees, {@link Double#NaN} when the event has no location
 */
public record EventFacts(long timestampMs, int payloadBytes, double latitude, double longitude) {

    public static EventFacts of(MessageEvent event) {
        return new EventFacts(
                event.getTimestampMs(),
                event.getPayloadBytes(),
                orNaN(event.getLatitude()),
                orNaN(event.getLongitude()));
    }

    private static double orNaN(Double degrees) {
        return degrees == null ? Double.NaN : degrees;
    }
}
