package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.util.Map;
import java.util.Set;

/**
 * Producer plugin for strategy {@code time-bucket}: the partition follows the event time carried in the value.
 *
 * <pre>
 *   partitioner.class=io.partitionanalytics.partitioners.kafka.TimeBucketPartitioner
 *   partition-analytics.bucket.ms=60000            # optional, bucket width
 *   partition-analytics.timestamp.field=timestamp_ms  # optional, the value's event-time field
 * </pre>
 *
 * <p>The value must be an Avro {@code GenericRecord} (generated SpecificRecords such as {@code MessageEvent} are) with
 * a {@code long} (or {@code int}, or {@code timestamp-millis} as {@code Instant}) field holding epoch milliseconds.
 * Avro is an optional dependency of this module: the producer application brings it with its serializer. A record
 * without a key, a value that is not such a record, or Avro missing from the classpath is a clear error, never a silent
 * fallback: a guessed time would put the record on the wrong partition.
 *
 * <p>The producer's record timestamp is not used: Kafka does not pass it to partitioners.
 */
public final class TimeBucketPartitioner extends StrategyPartitioner {

    private static final String TIMESTAMP_FIELD =
            PartitionerConfig.TIMESTAMP_FIELD_CONFIG.substring(PartitionerConfig.PREFIX.length());

    private String timestampField = PartitionerConfig.DEFAULT_TIMESTAMP_FIELD;

    @Override
    String strategyName() {
        return TimeBucketStrategy.NAME;
    }

    @Override
    Set<String> pluginOptionKeys() {
        return Set.of(TIMESTAMP_FIELD);
    }

    @Override
    void configurePlugin(Map<String, String> pluginOptions) {
        String field = pluginOptions
                .getOrDefault(TIMESTAMP_FIELD, PartitionerConfig.DEFAULT_TIMESTAMP_FIELD)
                .trim();
        if (field.isEmpty()) {
            throw new IllegalArgumentException(PartitionerConfig.TIMESTAMP_FIELD_CONFIG + " must not be empty");
        }
        this.timestampField = field;
        if (!AvroEventTime.avroPresent()) {
            throw new IllegalStateException("TimeBucketPartitioner reads event time from Avro values, but"
                    + " org.apache.avro:avro is not on the classpath; add it (it comes with any Avro serializer)");
        }
    }

    @Override
    long timestampMs(String topic, Object value) {
        return AvroEventTime.read(value, timestampField, topic);
    }
}
