package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WindowLoadTest {

    @Test
    void shouldRoundTripThroughBytes() {
        WindowLoad load = new WindowLoad("murmur3-channel", 1_700_000_000_000L, 4);
        load.add(1, 100);
        load.add(1, 50);
        load.add(3, 7);

        WindowLoad copy = WindowLoad.fromBytes(load.toBytes());

        assertThat(copy.strategy()).isEqualTo("murmur3-channel");
        assertThat(copy.windowStartMs()).isEqualTo(1_700_000_000_000L);
        assertThat(copy.numPartitions()).isEqualTo(4);
        assertThat(copy.events(1)).isEqualTo(2);
        assertThat(copy.bytes(1)).isEqualTo(150);
        assertThat(copy.events(3)).isEqualTo(1);
        assertThat(copy.totalEvents()).isEqualTo(3);
    }

    @Test
    void shouldAddUpPartials() {
        WindowLoad a = new WindowLoad("s", 0, 2);
        a.add(0, 10);
        WindowLoad b = new WindowLoad("s", 0, 2);
        b.add(0, 5);
        b.add(1, 1);

        a.merge(b);

        assertThat(a.events(0)).isEqualTo(2);
        assertThat(a.bytes(0)).isEqualTo(15);
        assertThat(a.events(1)).isEqualTo(1);
    }

    @Test
    void shouldRefuseToMergeDifferentPartitionCounts() {
        assertThatThrownBy(() -> new WindowLoad("s", 0, 2).merge(new WindowLoad("s", 0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripMessagesOfTheRepartitionTopic() {
        var serde = PartialMessage.serde();
        WindowLoad load = new WindowLoad("observed", 5000, 3);
        load.add(2, 9);

        PartialMessage partial = serde.deserializer()
                .deserialize("t", serde.serializer().serialize("t", new PartialMessage.Partial(load)));
        PartialMessage watermark = serde.deserializer()
                .deserialize("t", serde.serializer().serialize("t", new PartialMessage.Watermark(7, 123_456L)));

        assertThat(((PartialMessage.Partial) partial).load().events(2)).isEqualTo(1);
        assertThat(watermark).isEqualTo(new PartialMessage.Watermark(7, 123_456L));
    }
}
