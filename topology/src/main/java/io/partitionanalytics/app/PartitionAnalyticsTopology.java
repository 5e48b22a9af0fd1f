package io.partitionanalytics.app;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.input.InputRules;
import io.partitionanalytics.input.InputValidationProcessor;
import io.partitionanalytics.load.InputProgress;
import io.partitionanalytics.load.LoadCombineProcessor;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.load.PartialMessage;
import io.partitionanalytics.load.PartialsPartitioner;
import io.partitionanalytics.load.StrategySet;
import io.partitionanalytics.load.Windowing;
import io.partitionanalytics.serde.Formats;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Builds the pipeline; does no I/O.
 *
 * <pre>
 * message-events -> input-validate (decode any input format; bad records -> dead-letter topic)
 *                -> load-combine (per task: partition under every strategy, partial loads)
 *                -> load-partials (repartition by strategy and window; watermarks broadcast)
 *                -> load-merge (sum per strategy and window; emit when every input partition has passed it)
 *                -> partition-load
 * </pre>
 */
public final class PartitionAnalyticsTopology {

    public static final String PARTIALS_TOPIC = "load-partials";

    private PartitionAnalyticsTopology() {}

    /**
     * @param inputPartitions the input topic's partition count: {@code observed}'s N and the number of watermarks
     *     the merge step waits for
     */
    public static Topology build(AnalyticsConfig config, int inputPartitions, Properties streamsProperties) {
        return build(config, inputPartitions, streamsProperties, InputProgress.WALL_CLOCK_ONLY);
    }

    /**
     * @param inputProgress whether an input partition has more to read: lets a quiet partition stop holding windows
     *     open without mistaking a partition not fetched yet for a quiet one
     */
    public static Topology build(
            AnalyticsConfig config, int inputPartitions, Properties streamsProperties, InputProgress inputProgress) {
        return build(config, inputPartitions, streamsProperties, inputProgress, Formats.from(config));
    }

    /** @param formats how topics are encoded, and the schema registry client the application shares */
    public static Topology build(
            AnalyticsConfig config,
            int inputPartitions,
            Properties streamsProperties,
            InputProgress inputProgress,
            Formats formats) {
        Topics topics = Topics.from(config, formats);
        StrategySet strategies = StrategySet.resolve(config, inputPartitions);
        Windowing windowing = Windowing.from(config);
        StreamsBuilder builder = new StreamsBuilder();

        builder.stream(topics.messageEvents().name(), topics.messageEvents().consumedAsBytes())
                .process(
                        InputValidationProcessor.supplier(formats, InputRules.from(config)),
                        Named.as(InputValidationProcessor.NAME))
                .process(LoadCombineProcessor.supplier(strategies, windowing, inputProgress), Named.as("load-combine"))
                .repartition(Repartitioned.<String, PartialMessage>as(PARTIALS_TOPIC)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PartialMessage.serde())
                        .withStreamPartitioner(new PartialsPartitioner()))
                .process(LoadMergeProcessor.supplier(inputPartitions, windowing), Named.as("load-merge"))
                .to(topics.partitionLoad().name(), topics.partitionLoad().produced());

        return builder.build(streamsProperties);
    }
}
