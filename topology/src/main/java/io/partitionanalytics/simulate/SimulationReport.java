package io.partitionanalytics.simulate;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.analysis.Movement;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code simulate}, as plain values: rendered as text by {@link TextReport} and as JSON (snake_case
 * field names) by {@link JsonReport}. Fractions and shares are in [0, 1].
 *
 * @param trace what was read
 * @param strategies one report per simulated strategy, in the order given
 */
public record SimulationReport(TraceSummary trace, List<StrategyReport> strategies) {

    /**
     * @param source the file, {@code -} for standard input, or {@code generated}
     * @param firstTimestampMs {@code null} for an empty trace
     * @param skippedLines malformed lines skipped with {@code --skip-bad}
     * @param skippedExamples the first few of them with what was wrong
     */
    public record TraceSummary(
            String source,
            long events,
            long keys,
            long bytes,
            long locatedEvents,
            Long firstTimestampMs,
            Long lastTimestampMs,
            long skippedLines,
            List<String> skippedExamples) {}

    /**
     * @param configuration the strategy with every option in effect, defaults included, e.g. {@code
     *     consistent-hash(N=3, vnodes=1, seed=0)}
     * @param options the options as given
     * @param placedBy what one placed piece is ({@code key}, or key and time bucket, ...): the unit that
     *     {@code keys}/{@code keys_moved} of the changes count
     * @param pieces what {@code keys} of a change counts: {@code keys}, {@code key-buckets} or {@code key-cells}
     * @param events how events spread over the partitions
     * @param bytes how bytes spread over the partitions
     * @param partitionLoads every partition, empty ones included
     * @param topKeys the heaviest keys of the trace and where this strategy puts them
     * @param changes what growing or shrinking would move
     */
    public record StrategyReport(
            String strategy,
            String configuration,
            Map<String, String> options,
            int partitions,
            String placedBy,
            String pieces,
            Spread events,
            Spread bytes,
            List<PartitionLoadRow> partitionLoads,
            List<TopKey> topKeys,
            List<Change> changes) {}

    /** The skew of one measure (events or bytes) over all N partitions; the mean counts empty partitions. */
    public record Spread(
            long total, double mean, long max, int hottestPartition, double peakToMean, double coefficientOfVariation) {

        static Spread of(LoadStatistics s) {
            return new Spread(
                    s.total(), s.mean(), s.max(), s.hottestPartition(), s.peakToMean(), s.coefficientOfVariation());
        }
    }

    /** One partition: its events and bytes, its share of all events and its events over the mean. */
    public record PartitionLoadRow(int partition, long events, long bytes, double eventShare, double ratio) {}

    /**
     * A heavy key and where it lands.
     *
     * @param share the key's fraction of all events of the trace
     * @param partition the partition holding most of its events (all of them, for key strategies)
     * @param partitionsSpanned how many partitions its events are spread over (1 for key strategies)
     * @param shareOfPartition its events on {@code partition} over all events of that partition
     */
    public record TopKey(
            String key,
            long events,
            long bytes,
            double share,
            int partition,
            int partitionsSpanned,
            double shareOfPartition) {}

    /**
     * One what-if change and its cost; when the change cannot be made with this strategy's options the counts are
     * {@code null} and {@code unavailable} says why.
     *
     * @param change {@code add-partition}, {@code add-node} or {@code remove-node}
     * @param node the partition / ring node added or removed
     */
    public record Change(
            String change,
            int node,
            int partitionsBefore,
            int partitionsAfter,
            Long keys,
            Long keysMoved,
            Double keyFraction,
            Long eventsMoved,
            Double eventFraction,
            Long bytesMoved,
            Double byteFraction,
            String unavailable) {

        static Change of(String change, int node, int before, int after, Movement m) {
            return new Change(
                    change,
                    node,
                    before,
                    after,
                    m.keys(),
                    m.keysMoved(),
                    m.keyFraction(),
                    m.eventsMoved(),
                    m.eventFraction(),
                    m.bytesMoved(),
                    m.byteFraction(),
                    null);
        }

        static Change unavailable(String change, int node, int before, int after, String reason) {
            return new Change(change, node, before, after, null, null, null, null, null, null, null, reason);
        }
    }
}
