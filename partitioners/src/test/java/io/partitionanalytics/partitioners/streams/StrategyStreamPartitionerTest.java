package io.partitionanalytics.partitioners.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class StrategyStreamPartitionerTest {

    @Test
    void shouldPlaceBySerializedKeyLikeTheStrategy() {
        // Given
        StrategyStreamPartitioner<String, Object> partitioner =
                StrategyStreamPartitioner.of("consistent-hash", Map.of("vnodes", "32"), new StringSerializer());
        PartitionStrategy strategy = Strategies.create("consistent-hash", 12, Map.of("vnodes", "32"));

        for (int i = 0; i < 2_000; i++) {
            String key = "channel-" + i;

            // When
            Optional<Set<Integer>> partitions = partitioner.partitions("t", key, "v", 12);

            // Then
            assertThat(partitions)
                    .contains(Set.of(
                            strategy.partition(key.getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN)));
        }
    }

    @Test
    void shouldReadEventTimeThroughEventFields() {
        // Given
        StrategyStreamPartitioner<String, MessageEvent> partitioner = StrategyStreamPartitioner.of(
                "time-bucket",
                Map.of("bucket.ms", "1000"),
                new StringSerializer(),
                StrategyStreamPartitioner.EventFields.timestamp(MessageEvent::getTimestampMs));
        MessageEvent event = MessageEvent.newBuilder()
                .setEventId("e")
                .setChannelId("c")
                .setGuildId("g")
                .setUserId("u")
                .setTimestampMs(7_500L)
                .setPayloadBytes(1)
                .build();

        // When / Then: bucket 7 of 12
        assertThat(partitioner.partitions("t", "c", event, 12)).contains(Set.of(7));
        assertThat(partitioner.partitions("t", "c", event, 5)).contains(Set.of(2));
    }

    @Test
    void shouldRejectMissingKeysValuesAndEventFields() {
        StrategyStreamPartitioner<String, String> keyed =
                StrategyStreamPartitioner.of("jump", Map.of(), new StringSerializer());
        StrategyStreamPartitioner<String, MessageEvent> timed = StrategyStreamPartitioner.of(
                "time-bucket",
                Map.of(),
                new StringSerializer(),
                StrategyStreamPartitioner.EventFields.timestamp(MessageEvent::getTimestampMs));

        assertThatThrownBy(() -> keyed.partitions("t", null, "v", 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key");
        assertThatThrownBy(() -> timed.partitions("t", "k", null, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no value");
        assertThatThrownBy(() -> StrategyStreamPartitioner.of("time-bucket", Map.of(), new StringSerializer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EventFields");
        assertThatThrownBy(() -> StrategyStreamPartitioner.of("jump", Map.of("vnodes", "3"), new StringSerializer()))
                .isInstanceOf(InvalidStrategyException.class);
    }
}
