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
        EventFacts facts =
                EventFacts.of(event().setLatitude(-33.86).setLongitude(151.21).build());

        assertThat(facts).isEqualTo(new EventFacts(1_700_000_000_123L, 4_096, -33.86, 151.21));
    }

    @Test
    void shouldHaveNoPlaceWhenTheEventHasNoCoordinates() {
        EventFacts facts = EventFacts.of(event().setLatitude(12.5).build());

        assertThat(facts.latitude()).isEqualTo(12.5);
        assertThat(facts.longitude()).isNaN();
        assertThat(EventFacts.of(event().build()).latitude()).isNaN();
    }
}
