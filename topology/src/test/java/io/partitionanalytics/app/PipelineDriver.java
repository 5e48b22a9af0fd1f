package io.partitionanalytics.app;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole pipeline on TopologyTestDriver (one input partition): the fixture of the topology tests. */
final class PipelineDriver implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final Topics topics;
    private final TestInputTopic<byte[], MessageEvent> input;

    /** Settings for {@code observed} and {@code murmur3-channel} over {@code partitions}; add window settings. */
    static Map<String, String> settings(String applicationId, int partitions) {
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", "unused:9092");
        props.put("application.id", applicationId);
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed,murmur3-channel");
        props.put("strategy.murmur3-channel.partitions", String.valueOf(partitions));
        return props;
    }

    PipelineDriver(Map<String, String> settings, long wallClockStartMs) {
        AnalyticsConfig config = new AnalyticsConfig(settings);
        Properties streamsProps = config.streamsProperties();
        driver = new TopologyTestDriver(
                PartitionAnalyticsTopology.build(config, 1, streamsProps),
                streamsProps,
                Instant.ofEpochMilli(wallClockStartMs));
        topics = Topics.from(config);
        input = driver.createInputTopic(
                topics.messageEvents().name(),
                topics.messageEvents().keySerde().serializer(),
                topics.messageEvents().valueSerde().serializer());
    }

    Topics topics() {
        return topics;
    }

    TopologyTestDriver driver() {
        return driver;
    }

    <K, V> TestOutputTopic<K, V> output(TopicSpec<K, V> topic) {
        return driver.createOutputTopic(
                topic.name(),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
    }

    /** One event of {@code channel} (also its key), with the event time as the record's timestamp. */
    void send(String channel, long timestampMs, int payloadBytes) {
        MessageEvent event = MessageEvent.newBuilder()
                .setEventId(channel + "@" + timestampMs)
                .setChannelId(channel)
                .setGuildId("g")
                .setUserId("u")
                .setTimestampMs(timestampMs)
                .setPayloadBytes(payloadBytes)
                .build();
        input.pipeInput(channel.getBytes(StandardCharsets.UTF_8), event, timestampMs);
    }

    @Override
    public void close() {
        driver.close();
    }
}
