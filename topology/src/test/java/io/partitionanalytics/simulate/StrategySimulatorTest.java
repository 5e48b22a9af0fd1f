package io.partitionanalytics.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.simulate.SimulationReport.Change;
import io.partitionanalytics.simulate.SimulationReport.PartitionLoadRow;
import io.partitionanalytics.simulate.SimulationReport.StrategyReport;
import io.partitionanalytics.simulate.SimulationReport.TopKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrategySimulatorTest {

    private static final int N = 7;

    /** Events over 200 keys and about an hour, two in three with a location, sizes varying. */
    private static List<TraceEvent> mixedEvents() {
        SplittableRandom random = new SplittableRandom(11);
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] key = ("k-" + random.nextInt(200)).getBytes(StandardCharsets.UTF_8);
            long timestamp = 1_735_689_600_000L + random.nextLong(3_600_000L);
            boolean located = random.nextInt(3) > 0;
            double lat = located ? random.nextDouble(-60, 60) : Double.NaN;
            double lng = located ? random.nextDouble(-180, 180) : Double.NaN;
            events.add(new TraceEvent(key, timestamp, 1 + random.nextInt(500), lat, lng));
        }
        return events;
    }

    private static SimulationReport simulate(List<TraceEvent> events, List<SimulatedStrategy> strategies, int top) {
        AggregatedTrace trace = new AggregatedTrace(
                strategies.stream().map(SimulatedStrategy::granularity).toList());
        events.forEach(trace);
        return StrategySimulator.simulate(strategies, trace, "test", null, top);
    }

    @Test
    void shouldPlaceAggregatedTrafficExactlyWhereEachEventWouldGo() {
        // Given strategies that read the key, event time, location, or a mix
        List<SimulatedStrategy> strategies = List.of(
                SimulatedStrategy.create("kafka-default", N, Map.of()),
                SimulatedStrategy.create("time-bucket", N, Map.of("bucket.ms", "60000")),
                SimulatedStrategy.create("channel-bucket", N, Map.of("bucket.ms", "300000")),
                SimulatedStrategy.create("geo", N, Map.of("resolution", "1")),
                SimulatedStrategy.create("directory", N, Map.of("entries", "k-1=0,k-2=0", "fallback", "time-bucket")));
        List<TraceEvent> events = mixedEvents();

        // When the trace is simulated from its aggregated pieces
        SimulationReport report = simulate(events, strategies, 3);

        // Then every partition's load equals what placing each event on its own gives
        for (int s = 0; s < strategies.size(); s++) {
            PartitionStrategy strategy = strategies.get(s).strategy();
            long[] events1 = new long[N];
            long[] bytes1 = new long[N];
            for (TraceEvent e : events) {
                int p = strategy.partition(e.key(), e.timestampMs(), e.latitude(), e.longitude());
                events1[p]++;
                bytes1[p] += e.bytes();
            }
            StrategyReport r = report.strategies().get(s);
            assertThat(r.partitionLoads())
                    .extracting(PartitionLoadRow::events)
                    .as(r.strategy())
                    .containsExactly(box(events1));
            assertThat(r.partitionLoads())
                    .extracting(PartitionLoadRow::bytes)
                    .as(r.strategy())
                    .containsExactly(box(bytes1));
        }
    }

    @Test
    void shouldMeasureMovementOfTimeStrategiesEventByEvent() {
        // Given channel-bucket, whose partition changes with the bucket
        SimulatedStrategy simulated = SimulatedStrategy.create("channel-bucket", N, Map.of("bucket.ms", "60000"));
        PartitionStrategy grown = simulated.withPartitions(N + 1);
        List<TraceEvent> events = mixedEvents();

        // When
        Change change = simulate(events, List.of(simulated), 0)
                .strategies()
                .get(0)
                .changes()
                .get(0);

        // Then the events that move are those whose own partition differs at N + 1
        long moved = events.stream()
                .filter(e -> simulated.strategy().partition(e.key(), e.timestampMs(), Double.NaN, Double.NaN)
                        != grown.partition(e.key(), e.timestampMs(), Double.NaN, Double.NaN))
                .count();
        assertThat(change.change()).isEqualTo("add-partition");
        assertThat(change.eventsMoved()).isEqualTo(moved);
        assertThat(change.keyFraction()).isCloseTo(N / (N + 1.0), within(0.05));
    }

    @Test
    void shouldMoveExactlyTheRemovedRingNodesShare() {
        // Given a 3-node ring with one vnode each: very uneven shares
        SimulatedStrategy ring = SimulatedStrategy.create("consistent-hash", 3, Map.of("vnodes", "1"));

        // When
        StrategyReport report =
                simulate(mixedEvents(), List.of(ring), 0).strategies().get(0);

        // Then removing node 2 moves exactly partition 2's traffic, and adding node 3 takes only from the others
        Change added = report.changes().get(0);
        Change removed = report.changes().get(1);
        assertThat(added.change()).isEqualTo("add-node");
        assertThat(added.node()).isEqualTo(3);
        assertThat(removed.change()).isEqualTo("remove-node");
        assertThat(removed.node()).isEqualTo(2);
        assertThat(removed.eventsMoved())
                .isEqualTo(report.partitionLoads().get(2).events());
        assertThat(removed.bytesMoved())
                .isEqualTo(report.partitionLoads().get(2).bytes());
        assertThat(report.placedBy()).isEqualTo("key");
    }

    @Test
    void shouldSayWhyAChangeIsUnavailable() {
        // Explicit range boundaries fit one N only
        SimulatedStrategy range = SimulatedStrategy.create("range", 3, Map.of("boundaries", "k-3,k-6"));

        Change change = simulate(mixedEvents(), List.of(range), 0)
                .strategies()
                .get(0)
                .changes()
                .get(0);

        assertThat(change.unavailable()).contains("boundaries");
        assertThat(change.keyFraction()).isNull();
    }

    @Test
    void shouldNameTheHeaviestKeysAndWhereTheyLand() {
        // Given one key with half the events
        List<TraceEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String key = i % 2 == 0 ? "hot" : "k-" + i;
            events.add(new TraceEvent(key.getBytes(StandardCharsets.UTF_8), i, 10, Double.NaN, Double.NaN));
        }
        SimulatedStrategy jump = SimulatedStrategy.create("jump", 4, Map.of());

        // When
        StrategyReport report = simulate(events, List.of(jump), 2).strategies().get(0);

        // Then
        TopKey hot = report.topKeys().get(0);
        int partition = jump.strategy().partition("hot".getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN);
        assertThat(hot.key()).isEqualTo("hot");
        assertThat(hot.share()).isEqualTo(0.5);
        assertThat(hot.partition()).isEqualTo(partition);
        assertThat(hot.partitionsSpanned()).isEqualTo(1);
        assertThat(hot.shareOfPartition())
                .isEqualTo(50.0 / report.partitionLoads().get(partition).events());
        assertThat(report.topKeys()).hasSize(2);
        assertThat(report.events().hottestPartition()).isEqualTo(partition);
    }

    @Test
    void shouldShowSkewFallWithMoreVnodes() {
        // The seeds' showcase: the same keys on a 3-node ring with 1 and with 32 vnodes per node
        AggregatedTrace trace = new AggregatedTrace(List.of(PlacementGranularity.Key.INSTANCE));
        new TraceGenerator(50_000, 5_000, "uniform", 42, TraceGenerator.DEFAULT_START_MS, 1000).generate(trace);
        List<SimulatedStrategy> rings = List.of(
                SimulatedStrategy.create("consistent-hash", 3, Map.of("vnodes", "1")),
                SimulatedStrategy.create("consistent-hash", 3, Map.of("vnodes", "32")));

        List<StrategyReport> reports =
                StrategySimulator.simulate(rings, trace, "generated", null, 0).strategies();

        double cv1 = reports.get(0).events().coefficientOfVariation();
        double cv32 = reports.get(1).events().coefficientOfVariation();
        assertThat(cv32).isLessThan(cv1 / 2);
        assertThat(cv32).isLessThan(0.25);
    }

    private static Long[] box(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
