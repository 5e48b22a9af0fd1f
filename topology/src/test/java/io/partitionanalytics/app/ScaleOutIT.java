package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partitionanalytics.bench.BrokerProcess;
import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Scale-out and fault tolerance, as users run it: a broker in its own JVM, two instances of the pipeline as separate
 * JVMs ({@code java -jar partition-analytics.jar run}) with the same application.id and a standby replica each, under
 * live traffic with a hot channel. The scenarios run one after the other on the same stream, so that the final check
 * covers them all: two instances answering for every partition; kill -9 of one; an instance restarted with its state
 * directory deleted; SIGTERM and restart; a 20-second broker outage. In the end, for every strategy, window and
 * partition, {@code partition-load} (read_committed) holds exactly the loads computed independently from the events
 * produced — what an uninterrupted run gives — each window exactly once, and no alert episode was OPENed twice.
 *
 * <p>The steps share state and run in order; each asserts its own property.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ScaleOutIT {

    private static final int PARTITIONS = 6;
    private static final long WINDOW = 2_000;
    private static final long GRACE = 1_000;
    private static final int EVENTS_PER_SECOND = 400;
    private static final String TOPIC = "message-events";
    private static final String APPLICATION_ID = "scale-out-it";
    private static final Path DIR = Path.of("target", "scale-out-it").toAbsolutePath();
    private static final List<String> STRATEGIES = AnalyticsConfig.DEFAULT_STRATEGIES;
    private static final Duration STEP = Duration.ofSeconds(90);

    private static int brokerPort;
    private static BrokerProcess broker;
    private static TrafficGenerator traffic;
    private static PipelineProcess a;
    private static PipelineProcess b;
    private static Map<String, String> settingsOfA;
    private static long killedAt;
    private static long sigtermAt;
    private static long restartedAfterSigtermAt;

    @BeforeAll
    static void start() throws Exception {
        deleteRecursively(DIR);
        Files.createDirectories(DIR);
        brokerPort = FreePort.onLoopback();
        broker = startBroker();
        traffic = TrafficGenerator.start(clientProps(), TOPIC, EVENTS_PER_SECOND, 0.4);
        settingsOfA = instanceSettings("instance-a");
        a = new PipelineProcess("instance-a", DIR, FreePort.onLoopback(), settingsOfA);
        b = new PipelineProcess("instance-b", DIR, FreePort.onLoopback(), instanceSettings("instance-b"));
        a.start();
        b.start();
    }

    @AfterAll
    static void stop() throws Exception {
        // Everything this class started, whatever happened; each step is independent of the others' failure.
        try {
            if (traffic != null) {
                traffic.close();
            }
        } finally {
            try {
                closeQuietly(a);
                closeQuietly(b);
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    private static void closeQuietly(PipelineProcess process) throws InterruptedException {
        if (process != null) {
            process.close();
        }
    }

    private static BrokerProcess startBroker() throws IOException {
        return BrokerProcess.start(
                brokerPort,
                "512m",
                DIR.resolve("broker-data"),
                List.of(TOPIC + ":" + PARTITIONS),
                DIR.resolve("broker.log"));
    }

    private static Path stateDir(String instance) {
        return DIR.resolve("state-" + instance);
    }

    private static Map<String, String> instanceSettings(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "127.0.0.1:" + brokerPort);
        props.put("application.id", APPLICATION_ID);
        props.put("state.dir", stateDir(name).toString());
        props.put("num.standby.replicas", "1");
        props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(WINDOW));
        props.put(AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, String.valueOf(GRACE));
        // Longer than the broker outage: a partition whose backlog is still in the producer's buffer when the broker
        // comes back must not be taken for a quiet one (its events would then be late, and counted as such).
        props.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "60000");
        // A killed instance is noticed after the session timeout (default 45 s): shorter, to keep the test short.
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1500");
        // An instance that comes back without state takes its share of active tasks at once and restores them from
        // the changelogs (instead of warming up standbys until a probing rebalance, 10 minutes by default).
        props.put("acceptable.recovery.lag", String.valueOf(Long.MAX_VALUE));
        return props;
    }

    @Test
    @Order(1)
    void shouldShareThePartitionsAndAnswerForAllOfThemOnEitherInstance() throws Exception {
        // Given: two instances of one application, running
        awaitEveryStrategyServedBy(a);
        awaitEveryStrategyServedBy(b);

        // Then: the group has two members, each consuming some of the input's partitions, together all of them
        try (Admin admin = Admin.create(clientProps())) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION_ID))
                    .describedGroups()
                    .get(APPLICATION_ID)
                    .get(30, TimeUnit.SECONDS);
            Set<Integer> all = new HashSet<>();
            assertThat(group.members()).hasSize(2);
            for (MemberDescription member : group.members()) {
                Set<Integer> input = member.assignment().topicPartitions().stream()
                        .filter(tp -> tp.topic().equals(TOPIC))
                        .map(TopicPartition::partition)
                        .collect(Collectors.toSet());
                assertThat(input)
                        .as("input partitions of %s", member.clientId())
                        .isNotEmpty();
                all.addAll(input);
            }
            assertThat(all).hasSize(PARTITIONS);
        }

        // And: each strategy's state lives on exactly one instance, both instances hold some, and every /api
        // endpoint of either instance answers for every strategy: the other instance's through routing.
        Map<String, PipelineProcess> owners = ownersOfEveryStrategy();
        assertThat(Set.copyOf(owners.values())).containsExactlyInAnyOrder(a, b);
        for (PipelineProcess instance : List.of(a, b)) {
            for (String strategy : STRATEGIES) {
                JsonNode load = instance.json("/api/load?strategy=" + strategy);
                assertThat(load)
                        .as("/api/load?strategy=%s on %s", strategy, instance.name())
                        .isNotNull();
                assertThat(load.get("strategy").asText()).isEqualTo(strategy);
                assertThat(load.get("partitions")).hasSize(PARTITIONS);
                assertThat(instance.json("/api/history?strategy=" + strategy))
                        .as("/api/history?strategy=%s on %s", strategy, instance.name())
                        .isNotEmpty();
                assertThat(instance.json("/api/alerts?strategy=" + strategy)).isNotNull();
                assertThat(instance.json("/api/recommendations?strategy=" + strategy))
                        .isNotNull();
            }
            assertThat(instance.json("/api/load"))
                    .as("/api/load on %s", instance.name())
                    .hasSize(STRATEGIES.size());
        }
    }

    @Test
    @Order(2)
    void shouldTakeOverEveryPartitionWhenAnInstanceIsKilled() throws Exception {
        // Given: alerts are open (detector state exists on both sides)
        a.await("an open murmur3-channel alert", STEP, () -> {
            JsonNode alerts = a.json("/api/alerts?strategy=murmur3-channel");
            return alerts != null && !alerts.get("open").isEmpty();
        });

        // When: instance b is killed (SIGKILL: no commit, no flush, an open transaction left behind)
        b.kill();
        killedAt = System.currentTimeMillis();

        // Then: a takes over every strategy's state, and windows keep closing: all input partitions are read again
        a.await("every strategy's state on instance-a", STEP, () -> STRATEGIES.stream()
                .allMatch(s -> localHistory(a, s) != null));
        awaitWindowAfter(a, killedAt);
        assertThat(b.isAlive()).isFalse();
    }

    @Test
    @Order(3)
    void shouldRestoreLostLocalStateFromTheChangelogs() throws Exception {
        // Given: the killed instance's state directory is lost with its machine. (The stores are in-memory, so
        // Kafka Streams may not even have created it: then a restart is a restart from nothing anyway.)
        deleteRecursively(stateDir(b.name()));
        assertThat(stateDir(b.name())).doesNotExist();

        // When: it starts again, empty
        b.start();

        // Then: it takes its share back, and what it serves from its own stores includes windows that closed before
        // it was killed: restored from the changelogs (started from nothing, it would read the input from the group's
        // committed offsets, past those windows)
        b.await("instance-b owning some strategies again", STEP, () -> {
            Map<String, PipelineProcess> owners = ownersOfEveryStrategyOrNull();
            return owners != null && owners.containsValue(b);
        });
        String strategy = ownersOfEveryStrategy().entrySet().stream()
                .filter(e -> e.getValue() == b)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
        JsonNode history = localHistory(b, strategy);
        assertThat(history).isNotNull();
        assertThat(history.get("recent").get(0).get("window_start_ms").asLong())
                .as("oldest window of %s in instance-b's store", strategy)
                .isLessThan(killedAt - WINDOW - GRACE);
        awaitWindowAfter(b, System.currentTimeMillis());
    }

    @Test
    @Order(4)
    void shouldCloseWithinThirtySecondsOnSigtermAndContinueAfterRestart() throws Exception {
        // When: SIGTERM to instance a
        sigtermAt = System.currentTimeMillis();
        boolean exited = a.terminate(Duration.ofSeconds(30));

        // Then: it closed by itself within 30 s, Kafka Streams cleanly (its last commit flushes the state)
        assertThat(exited).as("instance-a exited within 30 s of SIGTERM").isTrue();
        assertThat(a.log())
                .contains("Shutting down (closing within 30 s)")
                .contains("PENDING_SHUTDOWN -> NOT_RUNNING")
                .doesNotContain("did not close within");

        // And: it starts again and both instances serve, with windows closing after the restart
        a.start();
        restartedAfterSigtermAt = System.currentTimeMillis();
        long restartedAt = restartedAfterSigtermAt;
        awaitEveryStrategyServedBy(a);
        awaitWindowAfter(a, restartedAt);
        a.await("two instances owning strategies", STEP, () -> {
            Map<String, PipelineProcess> owners = ownersOfEveryStrategyOrNull();
            return owners != null && Set.copyOf(owners.values()).size() == 2;
        });
    }

    @Test
    @Order(5)
    void shouldRecoverByItselfFromABrokerOutage() throws Exception {
        // When: the broker stops for about 20 s and comes back on the same data and port
        long stoppedAt = System.nanoTime();
        broker.close();
        Thread.sleep(Math.max(0, 20_000 - (System.nanoTime() - stoppedAt) / 1_000_000));
        broker = startBroker();
        long backAt = System.currentTimeMillis();

        // Then: both instances are still running, without anyone's help, and windows close again
        for (PipelineProcess instance : List.of(a, b)) {
            instance.await(
                    "Kafka Streams RUNNING after the outage", STEP, () -> "RUNNING".equals(instance.streamsState()));
            awaitWindowAfter(instance, backAt);
            assertThat(instance.log()).doesNotContain("-> ERROR");
        }
    }

    @Test
    @Order(6)
    void shouldCountEveryWindowExactlyOnceAndNeverOpenAnEpisodeTwice() throws Exception {
        // Given: a minute of traffic at least (the steps above can take less), then the traffic stops; one event per
        // partition, later than every window + grace, closes every window
        a.await("a minute of acknowledged traffic", STEP, () -> traffic.acknowledgedCount() > EVENTS_PER_SECOND * 60);
        traffic.stop();
        assertThat(traffic.failure()).as("a send failed").isNull();
        long closingTimestamp = System.currentTimeMillis() + WINDOW + GRACE + 500;
        traffic.closeWindows(closingTimestamp, PARTITIONS);

        ExpectedLoads expected = new ExpectedLoads(STRATEGIES, PARTITIONS, WINDOW, GRACE);
        List<TrafficGenerator.Sent> sent = traffic.acknowledged();
        for (TrafficGenerator.Sent event : sent) {
            expected.add(event.event(), event.partition());
        }
        Set<String> closed = expected.windowsBefore(closingTimestamp - WINDOW - GRACE + 1);
        assertThat(expected.late).as("events late by construction").isZero();
        assertThat(sent.size()).isGreaterThan(EVENTS_PER_SECOND * 60);

        // When: the outputs are read as a downstream consumer reads them
        Topics topics = Topics.from(new AnalyticsConfig(settingsOfA));
        OutputTopicsReader.Loads loads =
                OutputTopicsReader.readLoads(clientProps(), topics, expected, closed, Duration.ofSeconds(120));

        // Then: every strategy, window and partition exactly as computed, every window once, none missing or extra
        assertThat(loads.duplicates()).as("rows emitted more than once").isEmpty();
        Set<String> emitted = loads.rows().keySet().stream()
                .filter(closed.isEmpty() ? k -> true : k -> ExpectedLoads.windowStart(k) <= maxWindow(closed))
                .collect(Collectors.toSet());
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(closed);
        expected.assertExact(loads.rows(), closed);
        // (A window with no events has no row; the traffic itself pauses while the broker is down.)

        // And: no gap around the graceful restart: the traffic went on, so every window from before SIGTERM to after
        // the restart is there, each with exactly its events (checked above)
        for (long start = windowStart(sigtermAt) - WINDOW;
                start <= windowStart(restartedAfterSigtermAt) + WINDOW;
                start += WINDOW) {
            for (String strategy : List.of("observed", "murmur3-channel")) {
                assertThat(closed).contains(strategy + "@" + start);
            }
        }

        // And: the hot channel's partition opened an alert, and no episode was OPENed twice
        List<HotspotAlert> alerts = OutputTopicsReader.readAlerts(clientProps(), topics);
        Map<String, Long> opens = alerts.stream()
                .filter(alert -> alert.getState() == AlertState.OPEN)
                .collect(Collectors.groupingBy(HotspotAlert::getAlertId, TreeMap::new, Collectors.counting()));
        int hotPartition = Strategies.create("murmur3-channel", PARTITIONS, Map.of())
                .partition(TrafficGenerator.HOT.getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN);
        assertThat(alerts)
                .anyMatch(alert -> alert.getState() == AlertState.OPEN
                        && alert.getStrategy().equals("murmur3-channel")
                        && alert.getPartition() == hotPartition);
        System.out.printf(
                "ScaleOutIT: %,d events, %,d strategy windows x %d partitions exact, %d alert episodes opened%n",
                sent.size(), closed.size(), PARTITIONS, opens.size());
        assertThat(opens)
                .allSatisfy((id, count) ->
                        assertThat(count).as("OPENs of alert %s", id).isEqualTo(1L));
    }

    private static long windowStart(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, WINDOW);
    }

    private static long maxWindow(Set<String> keys) {
        return keys.stream().mapToLong(ExpectedLoads::windowStart).max().orElseThrow();
    }

    private static void awaitEveryStrategyServedBy(PipelineProcess instance) throws InterruptedException {
        instance.await("a closed window of every strategy on " + instance.name(), STEP, () -> STRATEGIES.stream()
                .allMatch(s -> {
                    JsonNode load = instance.json("/api/load?strategy=" + s);
                    return load != null && !load.isNull();
                }));
    }

    /** Waits until the instance serves an observed window that started after {@code wallClockMs}. */
    private static void awaitWindowAfter(PipelineProcess instance, long wallClockMs) throws InterruptedException {
        instance.await("a window after " + wallClockMs + " on " + instance.name(), STEP, () -> {
            JsonNode load = instance.json("/api/load?strategy=observed");
            return load != null && !load.isNull() && load.get("window_start_ms").asLong() > wallClockMs;
        });
    }

    /** The strategy's history from the instance's own stores (no routing), or null when it does not hold it. */
    private static JsonNode localHistory(PipelineProcess instance, String strategy) {
        return instance.json("/api/internal/store?store=" + LoadMergeProcessor.HISTORY_STORE + "&strategy=" + strategy);
    }

    private static Map<String, PipelineProcess> ownersOfEveryStrategy() {
        Map<String, PipelineProcess> owners = ownersOfEveryStrategyOrNull();
        assertThat(owners).as("every strategy held by exactly one instance").isNotNull();
        return owners;
    }

    /** Strategy -> the one instance whose own stores hold it; null unless each is held by exactly one. */
    private static Map<String, PipelineProcess> ownersOfEveryStrategyOrNull() {
        Map<String, PipelineProcess> owners = new LinkedHashMap<>();
        for (String strategy : STRATEGIES) {
            List<PipelineProcess> holders = Stream.of(a, b)
                    .filter(PipelineProcess::isAlive)
                    .filter(instance -> localHistory(instance, strategy) != null)
                    .toList();
            if (holders.size() != 1) {
                return null;
            }
            owners.put(strategy, holders.get(0));
        }
        return owners;
    }

    private static Properties clientProps() {
        return TopicAdmin.clientProps("127.0.0.1:" + brokerPort);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
