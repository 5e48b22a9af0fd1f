package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    private TestOutputTopic<String, HotspotAlert> alerts;
    private TestOutputTopic<String, RebalanceRecommendation> recommendations;
    private final SplittableRandom random = new SplittableRandom(11);
    private long time = BASE;

    @BeforeEach
    void setUp() {
        Map<String, String> props = PipelineDriver.settings("hotspot-test", N);
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, "0");
        props.put(AnalyticsConfig.COMBINE_FLUSH_INTERVAL_MS_CONFIG, "100");
        pipeline = new PipelineDriver(props, BASE);
        alerts = pipeline.output(pipeline.topics().partitionHotspots());
        recommendations = pipeline.output(pipeline.topics().rebalanceRecommendations());
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    /** One window of 400 events over 200 channels; {@code hotShare} of them on {@code hot}. */
    private void window(String hot, double hotShare) {
        for (int i = 0; i < 400; i++) {
            String channel = hot != null && random.nextDouble() < hotShare ? hot : "c-" + random.nextInt(200);
            long timestamp = time + i * (WINDOW / 400);
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
}
