package io.partitionanalytics.simulate;

import io.partitionanalytics.analysis.KeyTraffic;
import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.analysis.Movement;
import io.partitionanalytics.analysis.TopTraffic;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.simulate.SimulationReport.Change;
import io.partitionanalytics.simulate.SimulationReport.PartitionLoadRow;
import io.partitionanalytics.simulate.SimulationReport.Spread;
import io.partitionanalytics.simulate.SimulationReport.StrategyReport;
import io.partitionanalytics.simulate.SimulationReport.TopKey;
import io.partitionanalytics.simulate.SimulationReport.TraceSummary;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an aggregated trace through strategies: load per partition, skew, where the heaviest keys land, and what adding
 * a partition (or, on a ring, adding or removing a node) would move.
 *
 * <p>Changes considered: every strategy at N + 1 with the same options (for jump and the ring that is adding one node;
 * for mod-N hashes it reshuffles almost everything, which is the point of showing it). For {@code consistent-hash}
 * also removing node N - 1: a ring loses exactly that node's keys, so removing any other node moves exactly its share
 * shown in the load table. Jump hash cannot remove a bucket other than the last, so it gets no removal line.
 */
public final class StrategySimulator {

    static final String ADD_PARTITION = "add-partition";
    static final String ADD_NODE = "add-node";
    static final String REMOVE_NODE = "remove-node";

    private StrategySimulator() {}

    /** The whole report: every strategy over one trace, with the same top keys for all. */
    public static SimulationReport simulate(
            List<SimulatedStrategy> strategies,
            AggregatedTrace trace,
            String source,
            TraceReader.Summary read,
            int topKeys) {
        TraceSummary summary = new TraceSummary(
                source,
                trace.events(),
                trace.distinctKeys(),
                trace.bytes(),
                trace.locatedEvents(),
                trace.firstTimestampMs(),
                trace.lastTimestampMs(),
                read == null ? 0 : read.skipped(),
                read == null ? List.of() : read.firstProblems());
        List<KeyTraffic> heaviest = TopTraffic.heaviestKeys(trace.keys(), topKeys);
        List<StrategyReport> reports = new ArrayList<>();
        for (SimulatedStrategy s : strategies) {
            reports.add(simulate(s, trace, heaviest));
        }
        return new SimulationReport(summary, reports);
    }

    static StrategyReport simulate(SimulatedStrategy simulated, AggregatedTrace trace, List<KeyTraffic> heaviest) {
        PartitionStrategy strategy = simulated.strategy();
        int n = strategy.numPartitions();
        Collection<TraceUnit> units = trace.units(simulated.granularity());

        long[] events = new long[n];
        long[] bytes = new long[n];
        Map<ByteBuffer, long[]> heavyKeyPartitions = new HashMap<>();
        for (KeyTraffic k : heaviest) {
            heavyKeyPartitions.put(ByteBuffer.wrap(k.key()), new long[n]);
        }
        for (TraceUnit unit : units) {
            int p = unit.place(strategy);
            events[p] += unit.events();
            bytes[p] += unit.bytes();
            long[] perPartition = heavyKeyPartitions.get(ByteBuffer.wrap(unit.key()));
            if (perPartition != null) {
                perPartition[p] += unit.events();
            }
        }
        LoadStatistics eventStats = LoadStatistics.of(events);
        LoadStatistics byteStats = LoadStatistics.of(bytes);

        List<PartitionLoadRow> rows = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            rows.add(new PartitionLoadRow(p, events[p], bytes[p], eventStats.share(p), eventStats.ratio(p)));
        }

        List<TopKey> top = new ArrayList<>();
        for (KeyTraffic k : heaviest) {
            long[] perPartition = heavyKeyPartitions.get(ByteBuffer.wrap(k.key()));
            int main = 0;
            int spanned = 0;
            for (int p = 0; p < n; p++) {
                if (perPartition[p] > 0) {
                    spanned++;
                }
                if (perPartition[p] > perPartition[main]) {
                    main = p;
                }
            }
            top.add(new TopKey(
                    k.keyText(),
                    k.events(),
                    k.bytes(),
                    fraction(k.events(), trace.events()),
                    main,
                    spanned,
                    fraction(perPartition[main], events[main])));
        }

        return new StrategyReport(
                simulated.name(),
                strategy.toString(),
                simulated.sortedOptions(),
                n,
                simulated.granularity().describe(),
                simulated.granularity().pieceName(),
                Spread.of(eventStats),
                Spread.of(byteStats),
                rows,
                top,
                changes(simulated, units, trace));
    }

    private static List<Change> changes(
            SimulatedStrategy simulated, Collection<TraceUnit> units, AggregatedTrace trace) {
        PartitionStrategy strategy = simulated.strategy();
        int n = strategy.numPartitions();
        List<Change> changes = new ArrayList<>();
        if (strategy instanceof ConsistentHashStrategy ring) {
            // A ring strategy reads only the key, so its pieces are the trace's keys.
            changes.add(Change.of(ADD_NODE, n, n, n + 1, Movement.ringNodeAdded(trace.keys(), ring.ring(), n)));
            if (n >= 2) {
                changes.add(Change.of(
                        REMOVE_NODE, n - 1, n, n - 1, Movement.ringNodeRemoved(trace.keys(), ring.ring(), n - 1)));
            } else {
                changes.add(Change.unavailable(REMOVE_NODE, 0, n, 0, "a ring of one node cannot lose it"));
            }
            return changes;
        }
        PartitionStrategy grown;
        try {
            grown = simulated.withPartitions(n + 1);
        } catch (InvalidStrategyException e) {
            changes.add(Change.unavailable(ADD_PARTITION, n, n, n + 1, e.getMessage()));
            return changes;
        }
        changes.add(Change.of(
                ADD_PARTITION, n, n, n + 1, Movement.measure(units, u -> u.place(strategy), u -> u.place(grown))));
        return changes;
    }

    private static double fraction(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
