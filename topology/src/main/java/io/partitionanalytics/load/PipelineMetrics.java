package io.partitionanalytics.load;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/** The pipeline's own Kafka Streams metrics (group {@code stream-partition-analytics-metrics}). */
final class PipelineMetrics {

    static final String SCOPE = "partition-analytics";

    private PipelineMetrics() {}

    /** {@code late-events-total} / {@code -rate}: events older than their window plus grace, not counted in loads. */
    static Sensor lateEventsSensor(StreamsMetrics metrics, String taskId) {
        return metrics.addRateTotalSensor(SCOPE, taskId, "late-events", Sensor.RecordingLevel.INFO);
    }

    /** {@code late-partials-total}: partial loads that reached the merge after their window was closed. */
    static Sensor latePartialsSensor(StreamsMetrics metrics, String taskId) {
        return metrics.addRateTotalSensor(SCOPE, taskId, "late-partials", Sensor.RecordingLevel.INFO);
    }
}
