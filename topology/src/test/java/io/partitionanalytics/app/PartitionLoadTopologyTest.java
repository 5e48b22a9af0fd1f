package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.load.LoadCombineProcessor;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.load.WindowLoad;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.PartitionLoad;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first pipeline on TopologyTestDriver: one input partition, so {@code observed} is always partition 0. */
class PartitionLoadTopologyTest {

    private static final long WINDOW = 1_000;
    private static final long GRACE = 500;
    private static final long FLUSH = 100;
    private static final int N = 4;
    private static final long BASE = 1_700_000_000_000L;

    private PipelineDriver pipeline;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, PartitionLoad> output;

    @BeforeEach
    void setUp() {
        pipeline = new PipelineDriver(settings(), BASE);
        driver = pipeline.driver();
        output = pipeline.output(pipeline.topics().partitionLoad());
    }

    @AfterEach
    void tearDown() {
        pipeline.close();
    }

    private static Map<String, String> settings() {
        Map<String, String> props = PipelineDriver.settings("topology-test", N);
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, String.valueOf(GRACE));
        props.put(AnalyticsConfig.COMBINE_FLUSH_INTERVAL_MS_CONFIG, String.valueOf(FLUSH));
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "600000");
        return props;
    }

    private void send(String channel, long timestampMs, int payloadBytes) {
        pipeline.send(channel, timestampMs, payloadBytes);
    }

    private void flush() {
        driver.advanceWallClockTime(Duration.ofMillis(FLUSH));
    }

    @Test
    void shouldEmitEveryPartitionOfEveryStrategyOnceTheWindowHasClosed() {
        // Given: events in the first window, spread over a few channels
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", N, Map.of());
        long[] expected = new long[N];
        long[] expectedBytes = new long[N];
        List<String> channels = List.of("c-1", "c-2", "c-3", "c-42", "c-42", "c-42");
        for (int i = 0; i < channels.size(); i++) {
            String channel = channels.get(i);
            send(channel, BASE + i * 10, 100 + i);
            int p = murmur3.partition(channel.getBytes(StandardCharsets.UTF_8), BASE + i * 10, Double.NaN, Double.NaN);
            expected[p]++;
            expectedBytes[p] += 100 + i;
        }
        flush();
        assertThat(output.isEmpty()).as("window still open").isTrue();

        // When: event time passes the window's end plus grace
        send("c-1", BASE + WINDOW + GRACE, 1);
        flush();

        // Then: one row per partition for each strategy, empty partitions included, exact counts
        Map<String, PartitionLoad> rows = new HashMap<>();
        output.readKeyValuesToList().forEach(kv -> rows.put(kv.key, kv.value));
        assertThat(rows).hasSize(1 + N);
        PartitionLoad observed = rows.get("observed/0");
        assertThat(observed.getEvents()).isEqualTo(6);
        assertThat(observed.getRatioToMean()).isEqualTo(1.0);
        for (int p = 0; p < N; p++) {
            PartitionLoad row = rows.get("murmur3-channel/" + p);
            assertThat(row.getEvents()).as("partition %d", p).isEqualTo(expected[p]);
            assertThat(row.getBytes()).isEqualTo(expectedBytes[p]);
            assertThat(row.getMeanEvents()).isEqualTo(6.0 / N);
            assertThat(row.getShare()).isEqualTo(expected[p] / 6.0);
            assertThat(row.getWindowStartMs()).isEqualTo(BASE - Math.floorMod(BASE, WINDOW));
            assertThat(row.getWindowEndMs()).isEqualTo(row.getWindowStartMs() + WINDOW);
        }
    }

    @Test
    void shouldAcceptOutOfOrderEventsWithinGraceAndCountLaterOnesAsLate() {
        long windowStart = BASE - Math.floorMod(BASE, WINDOW);
        send("c-1", windowStart + 10, 1);
        // Next window: stream time moves on, but not past the first window's end plus grace.
        send("c-1", windowStart + WINDOW + GRACE - 1, 1);
        // Out of order, within grace: counted in the first window.
        send("c-2", windowStart + 20, 1);
        // Stream time passes the first window's end plus grace...
        send("c-1", windowStart + WINDOW + GRACE, 1);
        // ...so this one is late: not counted, but recorded in the metric.
        send("c-3", windowStart + 30, 1);
        flush();

        List<PartitionLoad> first = output.readValuesToList().stream()
                .filter(row -> row.getWindowStartMs() == windowStart)
                .filter(row -> row.getStrategy().equals("observed"))
                .toList();
        assertThat(first).singleElement().extracting(PartitionLoad::getEvents).isEqualTo(2L);
        assertThat(metricTotal("late-events-total")).isEqualTo(1.0);
    }

    @Test
    void shouldNotEmitAWindowTwice() {
        long windowStart = BASE - Math.floorMod(BASE, WINDOW);
        send("c-1", windowStart, 1);
        send("c-1", windowStart + WINDOW + GRACE, 1);
        flush();
        int firstRows = output.readValuesToList().size();
        send("c-1", windowStart + WINDOW + GRACE + 1, 1);
        flush();
        flush();

        assertThat(firstRows).isEqualTo(1 + N);
        assertThat(output.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNameTheHeavyKeysOfEveryWindowStableStrategyFromTheOneSketchTheyShare() {
        // Given: four window-stable strategies (they share one window-wide heavy-keys sketch, which travels with the
        // first of them only), a hot channel and a few cold ones in one window
        List<String> stable = List.of("kafka-default", "murmur3-channel", "consistent-hash", "jump");
        Map<String, String> props = settings();
        props.put(AnalyticsConfig.STRATEGIES_CONFIG, "observed," + String.join(",", stable));
        for (String strategy : stable) {
            props.put("strategy." + strategy + ".partitions", String.valueOf(N));
        }
        try (PipelineDriver shared = new PipelineDriver(props, BASE)) {
            TestOutputTopic<String, PartitionLoad> rows =
                    shared.output(shared.topics().partitionLoad());
            long windowStart = BASE - Math.floorMod(BASE, WINDOW);
            Map<String, Long> truth = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                String channel = i % 3 == 0 ? "c-" + i : "c-hot";
                shared.send(channel, windowStart + i, 1);
                truth.merge(channel, 1L, Long::sum);
            }
            shared.driver().advanceWallClockTime(Duration.ofMillis(FLUSH));

            // When: the window closes
            shared.send("c-1", windowStart + WINDOW + GRACE, 1);
            shared.driver().advanceWallClockTime(Duration.ofMillis(FLUSH));

            // Then: under each strategy, the hot channel's partition names it first, with its exact count, and every
            // key named sits on the partition the strategy gives it
            Map<String, PartitionLoad> byStrategyAndPartition = new HashMap<>();
            rows.readKeyValuesToList().forEach(kv -> byStrategyAndPartition.put(kv.key, kv.value));
            for (String strategy : stable) {
                PartitionStrategy function = Strategies.create(strategy, N, Map.of());
                int hot = function.partition(
                        "c-hot".getBytes(StandardCharsets.UTF_8), windowStart, Double.NaN, Double.NaN);
                PartitionLoad hotRow = byStrategyAndPartition.get(strategy + "/" + hot);
                assertThat(hotRow.getTopKeys()).as(strategy).isNotEmpty();
                assertThat(hotRow.getTopKeys().get(0).getKey()).as(strategy).isEqualTo("c-hot");
                assertThat(hotRow.getTopKeys().get(0).getEvents()).as(strategy).isEqualTo(truth.get("c-hot"));
                for (int p = 0; p < N; p++) {
                    int partition = p;
                    assertThat(byStrategyAndPartition.get(strategy + "/" + p).getTopKeys())
                            .as("%s/%d", strategy, p)
                            .allSatisfy(key -> assertThat(function.partition(
                                            key.getKey().getBytes(StandardCharsets.UTF_8),
                                            windowStart,
                                            Double.NaN,
                                            Double.NaN))
                                    .isEqualTo(partition));
                }
            }
        }
    }

    @Test
    void shouldSendThePartialsAtEveryCommitSoThatTheCombineChangelogHoldsOnlyItsStreamTime() {
        // Given: a channel seen five times in one window, with no punctuation (the wall clock stands still); the driver
        // commits after every record
        long windowStart = BASE - Math.floorMod(BASE, WINDOW);
        for (int i = 0; i < 5; i++) {
            send("c-hot", windowStart + i, 1);
        }

        // When: the changelogs of the combine and the merge step are read
        List<KeyValue<byte[], byte[]>> combine = changelog(LoadCombineProcessor.STORE);
        WindowLoad merged = null;
        for (KeyValue<byte[], byte[]> entry : changelog(LoadMergeProcessor.LOADS_STORE)) {
            if (new String(entry.key, StandardCharsets.UTF_8).equals(WindowLoad.key("murmur3-channel", windowStart))) {
                merged = WindowLoad.fromBytes(entry.value);
            }
        }

        // Then: each commit sent the combine's loads on to the merge, whose last entry for the carrier (what a restore
        // would read) counts all five; the combine's own changelog holds its stream time, no load, no tombstone
        assertThat(merged).isNotNull();
        assertThat(merged.totalEvents()).isEqualTo(5);
        assertThat(merged.windowHeavyKeys().getEstimate("c-hot")).isEqualTo(5);
        assertThat(combine).isNotEmpty().allSatisfy(entry -> {
            assertThat(new String(entry.key, StandardCharsets.UTF_8)).startsWith("~stream-time-");
            assertThat(entry.value).isNotNull();
        });
    }

    @Test
    void shouldLetAQuietPartitionsTimeFollowTheClockAtWallClockMultiplesOfTheInterval() {
        // Given: a pipeline started 37 ms past a multiple of the flush interval, with one event in a window and a
        // partition quiet from then on (idle after 1 s)
        Map<String, String> quick = settings();
        quick.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "1000");
        long windowStart = BASE - Math.floorMod(BASE, WINDOW);
        PipelineDriver offset = new PipelineDriver(quick, windowStart + 37);
        try (offset) {
            TestOutputTopic<String, PartitionLoad> rows =
                    offset.output(offset.topics().partitionLoad());
            offset.send("c-1", windowStart, 1);
            // The clock minus the idle time passes the window's end plus grace at this multiple of the interval.
            long closingMs = windowStart + WINDOW + GRACE + 1000;

            // When: the wall clock reaches the last millisecond before that multiple, then the multiple
            offset.driver().advanceWallClockTime(Duration.ofMillis(closingMs - 1 - (windowStart + 37)));
            List<PartitionLoad> before = rows.readValuesToList();
            offset.driver().advanceWallClockTime(Duration.ofMillis(1));

            // Then: the window closes at the multiple (every task of a thread punctuates together), not 37 ms later
            assertThat(before).isEmpty();
            assertThat(rows.readValuesToList()).hasSize(1 + N);
        }
    }

    private List<KeyValue<byte[], byte[]>> changelog(String store) {
        return driver.createOutputTopic(
                        "topology-test-" + store + "-changelog",
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())
                .readKeyValuesToList();
    }

    private double metricTotal(String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .filter(e -> e.getKey().group().contains("partition-analytics"))
                .map(Map.Entry<MetricName, ? extends Metric>::getValue)
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                .sum();
    }
}
