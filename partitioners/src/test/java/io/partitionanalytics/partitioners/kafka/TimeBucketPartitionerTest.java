package io.partitionanalytics.partitioners.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import io.partitionanalytics.schemas.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.Cluster;
import org.junit.jupiter.api.Test;

class TimeBucketPartitionerTest {

    private static final String TOPIC = "message-events";
    private static final Cluster CLUSTER = Clusters.withTopic(TOPIC, 12);
    private static final byte[] KEY = "channel-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldReadEventTimeFromAMessageEvent() {
        // Given
        TimeBucketPartitioner partitioner = configured(Map.of(PartitionerConfig.BUCKET_MS_CONFIG, "1000"));
        TimeBucketStrategy strategy = new TimeBucketStrategy(12, 1000);

        for (long t = 1_700_000_000_000L; t < 1_700_000_030_000L; t += 777) {
            MessageEvent event = event(t);

            // When / Then
            assertThat(partitioner.partition(TOPIC, "channel-1", KEY, event, null, CLUSTER))
                    .isEqualTo(strategy.partition(KEY, t, Double.NaN, Double.NaN));
        }
    }

    @Test
    void shouldReadAConfiguredFieldOfAGenericRecord() {
        // Given
        Schema schema = SchemaBuilder.record("Other")
                .fields()
                .requiredLong("event_time")
                .endRecord();
        GenericData.Record record = new GenericData.Record(schema);
        record.put("event_time", 125_000L);
        TimeBucketPartitioner partitioner = configured(Map.of(
                PartitionerConfig.TIMESTAMP_FIELD_CONFIG, "event_time", PartitionerConfig.BUCKET_MS_CONFIG, 10_000));

        // When / Then: bucket 12 of 10 s
        assertThat(partitioner.partition(TOPIC, null, KEY, record, null, CLUSTER))
                .isEqualTo(0);
        record.put("event_time", 135_000L);
        assertThat(partitioner.partition(TOPIC, null, KEY, record, null, CLUSTER))
                .isEqualTo(1);
    }

    @Test
    void shouldRejectValuesWithoutEventTime() {
        TimeBucketPartitioner partitioner = configured(Map.of());
        Schema noTime =
                SchemaBuilder.record("NoTime").fields().requiredString("x").endRecord();
        GenericData.Record record = new GenericData.Record(noTime);
        record.put("x", "y");
        Schema optionalTime = SchemaBuilder.record("OptionalTime")
                .fields()
                .optionalLong("timestamp_ms")
                .endRecord();
        GenericData.Record nullTime = new GenericData.Record(optionalTime);

        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, KEY, "text", null, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String")
                .hasMessageContaining("timestamp_ms");
        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, KEY, null, null, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, KEY, record, null, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no field 'timestamp_ms'");
        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, KEY, nullTime, null, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is null");
    }

    @Test
    void shouldRejectRecordsWithoutKey() {
        TimeBucketPartitioner partitioner = configured(Map.of());
        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, null, event(1L), null, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key");
    }

    @Test
    void shouldRejectAnEmptyTimestampField() {
        assertThatThrownBy(() -> configured(Map.of(PartitionerConfig.TIMESTAMP_FIELD_CONFIG, " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PartitionerConfig.TIMESTAMP_FIELD_CONFIG);
    }

    private static TimeBucketPartitioner configured(Map<String, ?> configs) {
        TimeBucketPartitioner partitioner = new TimeBucketPartitioner();
        partitioner.configure(configs);
        return partitioner;
    }

    static MessageEvent event(long timestampMs) {
        return MessageEvent.newBuilder()
                .setEventId("e-" + timestampMs)
                .setChannelId("channel-1")
                .setGuildId("guild-1")
                .setUserId("user-1")
                .setTimestampMs(timestampMs)
                .setPayloadBytes(100)
                .build();
    }
}
