package io.partitionanalytics.load;

import java.util.List;

/**
 * The closed-window load of every partition of one strategy, as the API and the web view show it (and as the
 * detector and advisor read it): plain values, no Kafka.
 */
public record LoadSnapshot(
        String strategy,
        long windowStartMs,
        long windowEndMs,
        int numPartitions,
        long totalEvents,
        long totalBytes,
        double meanEvents,
        double maxToMean,
        double coefficientOfVariation,
        List<Partition> partitions) {

    /** One partition's load in the window. */
    public record Partition(
            int partition,
            long events,
            long bytes,
            double share,
            double ratioToMean,
            long distinctKeys,
            long distinctKeysLower,
            long distinctKeysUpper,
            long topKeysMaxError,
            List<Key> topKeys) {}

    /** A heavy key: its count lies in [lowerBound, upperBound]. */
    public record Key(String key, long events, long lowerBound, long upperBound, double share) {}

    /** Builds the snapshot of a merged window load. */
    static LoadSnapshot of(WindowLoad load, long windowEndMs, int topKeys, WindowLoad.KeyPlacement placement) {
        int n = load.numPartitions();
        long total = load.totalEvents();
        long totalBytes = 0;
        double mean = (double) total / n;
        double max = 0;
        double squares = 0;
        List<Partition> partitions = new java.util.ArrayList<>(n);
        List<List<WindowLoad.HeavyKey>> heavyKeys = load.topKeysByPartition(topKeys, placement);
        for (int p = 0; p < n; p++) {
            long events = load.events(p);
            totalBytes += load.bytes(p);
            max = Math.max(max, events);
            squares += (events - mean) * (events - mean);
            WindowLoad.DistinctKeys distinct = load.distinctKeys(p);
            List<Key> keys = heavyKeys.get(p).stream()
                    .map(key -> new Key(
                            key.key(),
                            key.estimate(),
                            key.lowerBound(),
                            key.upperBound(),
                            events == 0 ? 0.0 : (double) key.estimate() / events))
                    .toList();
            partitions.add(new Partition(
                    p,
                    events,
                    load.bytes(p),
                    total == 0 ? 0.0 : (double) events / total,
                    total == 0 ? 0.0 : events / mean,
                    distinct.estimate(),
                    distinct.lowerBound(),
                    distinct.upperBound(),
                    load.topKeysMaxError(p),
                    keys));
        }
        double cv = total == 0 ? 0.0 : Math.sqrt(squares / n) / mean;
        return new LoadSnapshot(
                load.strategy(),
                load.windowStartMs(),
                windowEndMs,
                n,
                total,
                totalBytes,
                mean,
                total == 0 ? 0.0 : max / mean,
                cv,
                List.copyOf(partitions));
    }
}
