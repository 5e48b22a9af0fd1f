package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.analysis.advice.BruteForceMoves;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.schemas.RecommendationAction;
import io.partitionanalytics.schemas.RecommendationKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hotspot alerts end to end on TopologyTestDriver: events in, alerts out. */
class HotspotTopologyTest {

    private static final long WINDOW = 1_000;
    private static final int N = 8;
    private static final long BASE = 1_700_000_000_000L;

    private PipelineDriver pipeline;
    private TestOutputTopic<String, PartitionLoad> loads;
    private TestOutputTopic<String, HotspotAlert> alerts;
    private TestOutputTopic<String, RebalanceRecommendation> recommendations;
    private final SplittableRandom random = new SplittableRandom(11);
    private long time = BASE;

    @BeforeEach
    void setUp() {
        start(Map.of());
    }

    /** (Re)starts the pipeline: {@code observed} and {@code murmur3-channel} over N, 1 s windows, plus {@code extra}. */
    private void start(Map<String, String> extra) {
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        Map<String, String> props = PipelineDriver.settings("hotspot-test", N);
        if (extra.containsKey(AnalyticsConfig.STRATEGIES_CONFIG)) {
            props.remove("strategy.murmur3-channel.partitions");
        }
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, "0");
        props.put(AnalyticsConfig.COMBINE_FLUSH_INTERVAL_MS_CONFIG, "100");
        props.putAll(extra);
        pipeline = new PipelineDriver(props, BASE);
        loads = pipeline.output(pipeline.topics().partitionLoad());
        alerts = pipeline.output(pipeline.topics().partitionHotspots());
        recommendations = pipeline.output(pipeline.topics().rebalanceRecommendations());
    }

    @AfterEach
    void tearDown() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** One window of 400 events over 200 channels; {@code hotShare} of them on {@code hot}. */
    private void window(String hot, double hotShare) {
        window(400, 200, hot == null ? Map.of() : Map.of(hot, hotShare));
    }

    /** One window of {@code events} events, in time order: each hot channel takes its share, the rest spread. */
    private void window(int events, int channels, Map<String, Double> hotShares) {
        for (int i = 0; i < events; i++) {
            double draw = random.nextDouble();
            String channel = null;
            for (Map.Entry<String, Double> hot : hotShares.entrySet()) {
                draw -= hot.getValue();
                if (draw < 0) {
                    channel = hot.getKey();
                    break;
                }
            }
            if (channel == null) {
                channel = "c-" + random.nextInt(channels);
            }
            long timestamp = time + i * WINDOW / events;
            pipeline.send(channel, timestamp, 100);
        }
        time += WINDOW;
        pipeline.driver().advanceWallClockTime(Duration.ofMillis(100));
    }

    @Test
    void shouldRaiseNoAlertOnUniformTraffic() {
        for (int i = 0; i < 30; i++) {
            window(null, 0);
        }
        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(recommendations.readValuesToList()).isEmpty();
    }

    @Test
    void shouldOpenOnThePartitionOfTheHotChannelNamingItAndResolveWhenItStops() {
        // Given: one channel takes 40% of the traffic for 6 windows, then stops
        int hotPartition = Strategies.create("murmur3-channel", N, Map.of())
                .partition("c-42".getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN);
        window(null, 0);
        for (int i = 0; i < 6; i++) {
            window("c-42", 0.4);
        }
        for (int i = 0; i < 6; i++) {
            window(null, 0);
        }

        // Then
        List<HotspotAlert> received = alerts.readValuesToList();
        assertThat(received).isNotEmpty();
        assertThat(received).allSatisfy(alert -> {
            assertThat(alert.getStrategy()).isEqualTo("murmur3-channel");
            assertThat(alert.getPartition()).isEqualTo(hotPartition);
        });
        HotspotAlert open = received.get(0);
        assertThat(open.getState()).isEqualTo(AlertState.OPEN);
        assertThat(open.getTopKeys().get(0).getKey()).isEqualTo("c-42");
        assertThat(open.getTopKeys().get(0).getShare()).isGreaterThan(0.5);
        assertThat(open.getReason()).contains("c-42");
        assertThat(received.get(received.size() - 1).getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(received).extracting(HotspotAlert::getAlertId).containsOnly(open.getAlertId());
        assertThat(received)
                .filteredOn(alert -> alert.getState() == AlertState.OPEN)
                .hasSize(1);
    }

    @Test
    void shouldFindTimeBucketsHotOnSequentialTimestampsWhileHashesStayEvenAndAdviseAway() {
        // Given: time-bucket (60 s buckets: 60 of these 1 s windows), consistent-hash and jump over N, and events in
        // time order over 200 channels
        start(Map.of(
                AnalyticsConfig.STRATEGIES_CONFIG,
                "observed,time-bucket,consistent-hash,jump",
                "strategy.time-bucket.partitions",
                String.valueOf(N),
                "strategy.consistent-hash.partitions",
                String.valueOf(N),
                "strategy.jump.partitions",
                String.valueOf(N)));
        int currentBucket =
                Strategies.create("time-bucket", N, Map.of()).partition(new byte[0], time, Double.NaN, Double.NaN);

        // When
        for (int i = 0; i < 10; i++) {
            window(null, 0);
        }

        // Then: the bucket's partition is hot, nothing else
        List<HotspotAlert> received = alerts.readValuesToList();
        assertThat(received).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.getStrategy()).isEqualTo("time-bucket");
            assertThat(alert.getPartition()).isEqualTo(currentBucket);
        });
        assertThat(received.get(0).getState()).isEqualTo(AlertState.OPEN);
        assertThat(received.get(0).getRatio()).isEqualTo((double) N);

        // And: the advice is to split the range or to change strategy, and it predicts an even spread
        List<RebalanceRecommendation> advice = recommendations.readValuesToList();
        assertThat(advice).isNotEmpty().allSatisfy(r -> assertThat(r.getStrategy())
                .isEqualTo("time-bucket"));
        assertThat(advice)
                .extracting(RebalanceRecommendation::getKind)
                .containsAnyOf(RecommendationKind.SPLIT_RANGE, RecommendationKind.CHANGE_STRATEGY);
        assertThat(advice).allSatisfy(r -> {
            assertThat(r.getTriggerAlertId()).isEqualTo(received.get(0).getAlertId());
            assertThat(r.getAfterMaxToMean()).isLessThan(r.getBeforeMaxToMean());
        });
        assertThat(advice)
                .filteredOn(r -> r.getKind() == RecommendationKind.CHANGE_STRATEGY)
                .allSatisfy(r -> assertThat(r.getAfterMaxToMean()).isLessThan(1.5));
    }

    @Test
    void shouldMoveAPartitionOffANodeThatLeadsTwoHotOnesWithTheFewestMoves() {
        // Given: 12 partitions over 6 nodes (partition p on node p mod 6), two channels of 7% each on partitions p and
        // p + 6 — one node leads both
        int partitions = 12;
        int nodes = 6;
        double target = 1.3;
        start(Map.of(
                "strategy.murmur3-channel.partitions",
                String.valueOf(partitions),
                AnalyticsConfig.ADVICE_NODES_CONFIG,
                String.valueOf(nodes),
                AnalyticsConfig.ADVICE_TARGET_RATIO_CONFIG,
                String.valueOf(target)));
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", partitions, Map.of());
        String hotA = channelOn(murmur3, 2);
        String hotB = channelOn(murmur3, 2 + nodes);

        // When
        for (int i = 0; i < 6; i++) {
            window(4000, 2000, Map.of(hotA, 0.07, hotB, 0.07));
        }

        // Then: a MOVE_PARTITIONS plan that brings the busiest node under the target
        List<RebalanceRecommendation> moves = recommendations.readValuesToList().stream()
                .filter(r -> r.getKind() == RecommendationKind.MOVE_PARTITIONS)
                .toList();
        assertThat(moves).isNotEmpty();
        RebalanceRecommendation plan = moves.get(0);
        assertThat(plan.getStrategy()).isEqualTo("murmur3-channel");
        assertThat(plan.getAfterMaxToMean()).isLessThanOrEqualTo(target);

        // And: applied to the window's real partition loads, it does what it predicts, and no plan with fewer moves
        // would reach the target (brute force over every single move)
        long[] partitionLoads = new long[partitions];
        loads.readValuesToList().stream()
                .filter(row -> row.getStrategy().equals("murmur3-channel"))
                .filter(row -> row.getWindowEndMs() == plan.getWindowEndMs())
                .forEach(row -> partitionLoads[row.getPartition()] = row.getEvents());
        int[] nodeOf = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            nodeOf[p] = p % nodes;
        }
        assertThat(maxToMean(partitionLoads, nodeOf, nodes)).isEqualTo(plan.getBeforeMaxToMean(), within(1e-9));
        int[] after = nodeOf.clone();
        for (RecommendationAction action : plan.getActions()) {
            assertThat(action.getAction()).isEqualTo("move-partition");
            assertThat(action.getFromNode()).isEqualTo("node-" + nodeOf[action.getPartition()]);
            after[action.getPartition()] = Integer.parseInt(action.getToNode().substring("node-".length()));
        }
        assertThat(maxToMean(partitionLoads, after, nodes)).isEqualTo(plan.getAfterMaxToMean(), within(1e-9));
        double goal = target * Arrays.stream(partitionLoads).sum() / nodes;
        int fewest = BruteForceMoves.fewestMovesUpTo(partitionLoads, nodeOf, nodes, goal, 2);
        assertThat(fewest).isBetween(1, 2);
        assertThat(plan.getActions()).hasSize(fewest);
    }

    /** A channel that {@code strategy} places on {@code partition}. */
    private static String channelOn(PartitionStrategy strategy, int partition) {
        for (int i = 0; ; i++) {
            String channel = "hot-" + i;
            if (strategy.partition(channel.getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN) == partition) {
                return channel;
            }
        }
    }

    private static double maxToMean(long[] partitionLoads, int[] nodeOf, int nodes) {
        long[] nodeLoads = new long[nodes];
        long total = 0;
        for (int p = 0; p < partitionLoads.length; p++) {
            nodeLoads[nodeOf[p]] += partitionLoads[p];
            total += partitionLoads[p];
        }
        return (double) Arrays.stream(nodeLoads).max().orElseThrow() / ((double) total / nodes);
    }
}
