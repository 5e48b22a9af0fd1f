package io.partitionanalytics.app;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.serde.AvroSerdes;
import java.util.List;
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

    public static Topics from(AnalyticsConfig config) {
        return new Topics(
                new TopicSpec<>(config.inputTopic(), Serdes.ByteArray(), AvroSerdes.singleObject(MessageEvent.class)),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.LOAD_TOPIC_CONFIG),
                        Serdes.String(),
                        AvroSerdes.singleObject(PartitionLoad.class)),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.HOTSPOTS_TOPIC_CONFIG),
                        Serdes.String(),
                        AvroSerdes.singleObject(HotspotAlert.class)),
                new TopicSpec<>(
                        config.getString(AnalyticsConfig.RECOMMENDATIONS_TOPIC_CONFIG),
                        Serdes.String(),
                        AvroSerdes.singleObject(RebalanceRecommendation.class)),
                config.getString(AnalyticsConfig.DLQ_TOPIC_CONFIG));
    }

    /** The topics this application writes (created at start-up when missing). */
    public List<String> outputs() {
        return List.of(partitionLoad.name(), partitionHotspots.name(), rebalanceRecommendations.name(), deadLetters);
    }
}
