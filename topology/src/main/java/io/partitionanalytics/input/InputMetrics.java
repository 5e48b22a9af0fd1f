package io.partitionanalytics.input;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * {@code dead-letters-total} and {@code dead-letters-rate} (group {@code stream-partition-analytics-metrics}, tags
 * {@code thread-id}, {@code task-id}, {@code cause}): input records sent to the dead-letter topic, by cause.
 *
 * <p>One sensor per task and cause, created on first use. (Kafka Streams' {@code addRateTotalSensor} names sensors
 * without their tags, so one per cause is built here from the same parts.)
 */
final class InputMetrics {

    static final String GROUP = "stream-partition-analytics-metrics";

    private final StreamsMetrics metrics;
    private final String taskId;
    private final Map<String, Sensor> deadLetters = new HashMap<>();

    InputMetrics(StreamsMetrics metrics, String taskId) {
        this.metrics = metrics;
        this.taskId = taskId;
    }

    void deadLetter(String cause) {
        deadLetters.computeIfAbsent(cause, this::sensor).record();
    }

    private Sensor sensor(String cause) {
        String thread = Thread.currentThread().getName();
        Sensor sensor = metrics.addSensor(
                "partition-analytics." + thread + ".task." + taskId + ".dead-letters." + cause,
                Sensor.RecordingLevel.INFO);
        Map<String, String> tags = Map.of("thread-id", thread, "task-id", taskId, "cause", cause);
        sensor.add(
                new MetricName(
                        "dead-letters-total", GROUP, "Input records sent to the dead-letter topic, by cause", tags),
                new CumulativeCount());
        sensor.add(
                new MetricName(
                        "dead-letters-rate",
                        GROUP,
                        "Input records sent to the dead-letter topic per second, by cause",
                        tags),
                new Rate(new WindowedCount()));
        return sensor;
    }

    void close() {
        deadLetters.values().forEach(metrics::removeSensor);
        deadLetters.clear();
    }
}
