package io.partitionanalytics.app;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.serde.Formats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed catalog of every topic the application reads or writes; names come from config.
 *
 * <p>Input keys are read as raw bytes: strategies hash the key bytes directly, never a decoded String.
 */
public record Topics(
        TopicSpec<byte[], MessageEvent> messageEvents,
        TopicSpec<String, PartitionLoad> partitionLoad,
        TopicSpec<String, HotspotAlert> partitionHotspots,
        TopicSpec<String, RebalanceRecommendation> rebalanceRecommendations,
        String deadLetters) {

    /** The catalog with its own {@link Formats} (and registry client, when one is configured). */
    public static Topics from(AnalyticsConfig config) {
        return from(config, Formats.from(config));
    }

    /**
     * Values are Avro: Confluent-framed with a schema registry, single-object encoded without one (see {@link
     * Formats}). The input topic's serde writes the same way (tools, tests); the pipeline itself reads input as raw
     * bytes and decodes them in its validation step, so that what does not decode reaches the dead-letter topic.
     */
    public static Topics from(AnalyticsConfig config, Formats formats) {
        return new Topics(
                new TopicSpec<>(config.inputTopic(), Serdes.ByteArray(), formats.inputSerde()),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.LOAD_TOPIC_CONFIG),
                        Serdes.String(),
                        formats.valueSerde(PartitionLoad.class)),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.HOTSPOTS_TOPIC_CONFIG),
                        Serdes.String(),
                        formats.valueSerde(HotspotAlert.class)),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.RECOMMENDATIONS_TOPIC_CONFIG),
                        Serdes.String(),
                        formats.valueSerde(RebalanceRecommendation.class)),
                config.getString(AnalyticsConfig.DLQ_TOPIC_CONFIG));
    }

    /** The Avro value type of each output topic (the dead-letter topic holds raw bytes). */
    public Map<String, Class<? extends SpecificRecord>> outputValueTypes() {
        Map<String, Class<? extends SpecificRecord>> types = new LinkedHashMap<>();
        types.put(partitionLoad.name(), PartitionLoad.class);
        types.put(partitionHotspots.name(), HotspotAlert.class);
        types.put(rebalanceRecommendations.name(), RebalanceRecommendation.class);
        return types;
    }

    /** The topics this application writes (created at start-up when missing). */
    public List<String> outputs() {
        return List.of(partitionLoad.name(), partitionHotspots.name(), rebalanceRecommendations.name(), deadLetters);
    }
}
