package io.partitionanalytics.input;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's Kafka timestamp, or — when it is invalid (negative) — the partition's time so far (0 before any).
 * Kafka Streams' default extractor would stop the stream thread on such a record; here it reaches validation, which
 * judges the event by its own {@code timestamp_ms}.
 */
public final class InputTimestampExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long timestamp = record.timestamp();
        return timestamp >= 0 ? timestamp : Math.max(0, partitionTime);
    }
}
