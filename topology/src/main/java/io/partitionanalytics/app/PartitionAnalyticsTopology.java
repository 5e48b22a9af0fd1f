package io.partitionanalytics.app;

import io.partitionanalytics.advice.RebalanceAdvisorProcessor;
import io.partitionanalytics.analysis.advice.NodeModel;
import io.partitionanalytics.analysis.detect.HotspotDetector;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.hotspot.Detection;
import io.partitionanalytics.hotspot.HotspotDetectorProcessor;
import io.partitionanalytics.input.InputRules;
import io.partitionanalytics.input.InputValidationProcessor;
import io.partitionanalytics.load.LoadCombineProcessor;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.load.PartialMessage;
import io.partitionanalytics.load.PartialsPartitioner;
import io.partitionanalytics.load.PartitionLoadRows;
import io.partitionanalytics.load.StrategySet;
import io.partitionanalytics.load.Windowing;
import io.partitionanalytics.serde.Formats;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
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
 *                -> partition-load (one row per strategy, partition and window)
 *                -> hotspot-detect (per strategy: alert state machine) -> partition-hotspots
 *                   -> rebalance-advise (on OPEN / UPDATE: costed plans, rate-limited) -> rebalance-recommendations
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
        return build(config, inputPartitions, streamsProperties, PipelineHooks.NONE);
    }

    /**
     * @param hooks input progress (lets a quiet partition stop holding windows open without mistaking a partition
     *     not fetched yet for a quiet one), the nodes named in alerts, and the observer that feeds the metrics
     */
    public static Topology build(
            AnalyticsConfig config, int inputPartitions, Properties streamsProperties, PipelineHooks hooks) {
        return build(config, inputPartitions, streamsProperties, hooks, Formats.from(config));
    }

    /** @param formats how topics are encoded, and the schema registry client the application shares */
    public static Topology build(
            AnalyticsConfig config,
            int inputPartitions,
            Properties streamsProperties,
            PipelineHooks hooks,
            Formats formats) {
        return build(
                config,
                inputPartitions,
                StrategySet.resolve(config, inputPartitions),
                streamsProperties,
                hooks,
                formats);
    }

    /** @param strategies the configured strategies, resolved by the caller (which also routes queries by them) */
    public static Topology build(
            AnalyticsConfig config,
            int inputPartitions,
            StrategySet strategies,
            Properties streamsProperties,
            PipelineHooks hooks,
            Formats formats) {
        Topics topics = Topics.from(config, formats);
        Windowing windowing = Windowing.from(config);
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(
                String.valueOf(streamsProperties.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)));
        StreamsBuilder builder = new StreamsBuilder();

        KStream<String, LoadSnapshot> windows = builder.stream(
                        topics.messageEvents().name(), topics.messageEvents().consumedAsBytes())
                .process(
                        InputValidationProcessor.supplier(formats, InputRules.from(config)),
                        Named.as(InputValidationProcessor.NAME))
                .process(
                        LoadCombineProcessor.supplier(strategies, windowing, hooks.inputProgress(), exactlyOnce),
                        Named.as("load-combine"))
                .repartition(Repartitioned.<String, PartialMessage>as(PARTIALS_TOPIC)
                        .withNumberOfPartitions(strategies.mergePartitions(config.mergePartitions()))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(PartialMessage.serde())
                        .withStreamPartitioner(new PartialsPartitioner(strategies)))
                .process(
                        LoadMergeProcessor.supplier(strategies, inputPartitions, windowing, exactlyOnce),
                        Named.as("load-merge"));

        // Closed windows, keyed by strategy and in window order: no repartition below this point.
        windows.peek((strategy, window) -> hooks.observer().onWindow(window), Named.as("load-observe"));
        windows.flatMap((strategy, window) -> PartitionLoadRows.of(window), Named.as("partition-load-rows"))
                .to(topics.partitionLoad().name(), topics.partitionLoad().produced());
        KStream<String, Detection> detections = windows.process(
                HotspotDetectorProcessor.supplier(
                        new HotspotDetector(config.detectorSettings()), hooks.nodes(), hooks.observer()),
                Named.as("hotspot-detect"));
        detections
                .flatMap(
                        (strategy, detection) -> HotspotDetectorProcessor.alertRecords(detection),
                        Named.as("hotspot-alerts"))
                .to(
                        topics.partitionHotspots().name(),
                        topics.partitionHotspots().produced());
        detections
                .process(
                        RebalanceAdvisorProcessor.supplier(
                                config.advisorSettings(),
                                config::strategyOptionsWithoutPartitions,
                                nodeModels(config, strategies, hooks),
                                hooks.observer()),
                        Named.as("rebalance-advise"))
                .to(
                        topics.rebalanceRecommendations().name(),
                        topics.rebalanceRecommendations().produced());

        return builder.build(streamsProperties);
    }

    /**
     * The node model of each strategy: the hooks' when they know one (observed's real brokers), otherwise partitions
     * round robin over {@code advice.nodes} hypothetical nodes, as Kafka spreads a new topic. Built once per strategy.
     */
    private static Function<String, NodeModel> nodeModels(
            AnalyticsConfig config, StrategySet strategies, PipelineHooks hooks) {
        Map<String, NodeModel> roundRobin = new ConcurrentHashMap<>();
        return strategy -> {
            NodeModel known = hooks.nodeModels().apply(strategy);
            if (known != null || strategy.equals(StrategySet.OBSERVED)) {
                return known;
            }
            return roundRobin.computeIfAbsent(
                    strategy,
                    s -> NodeModel.roundRobin(strategies.numPartitions(strategies.indexOf(s)), config.adviceNodes()));
        };
    }
}
