package io.partitionanalytics.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.schemas.MessageEvent;
import org.junit.jupiter.api.Test;

class EventFactsTest {

    private static MessageEvent.Builder event() {
        return MessageEvent.newBuilder()
                .setEventId("e")
                .setChannelId("c")
                .setGuildId("g")
                .setUserId("u")
                .setTimestampMs(1_700_000_000_123L)
                .setPayloadBytes(4_096);
    }

    @Test
    void shouldTakeTimeSizeAndPlaceOfAnEvent() {
        // Given
        MessageEvent located = event().setLatitude(-33.86).setLongitude(151.21).build();

        // When
        EventFacts facts = EventFacts.of(located);

        // Then
        assertThat(facts).isEqualTo(new EventFacts(1_700_000_000_123L, 4_096, -33.86, 151.21));
    }

    @Test
    void shouldTakeAnAbsentCoordinateAsNaN() {
        // Given an event without a location, and one with a latitude only
        MessageEvent nowhere = event().build();
        MessageEvent latitudeOnly = event().setLatitude(12.5).build();

        // When
        EventFacts none = EventFacts.of(nowhere);
        EventFacts half = EventFacts.of(latitudeOnly);

        // Then
        assertThat(none.latitude()).isNaN();
        assertThat(none.longitude()).isNaN();
        assertThat(half.latitude()).isEqualTo(12.5);
        assertThat(half.longitude()).isNaN();
    }
}
