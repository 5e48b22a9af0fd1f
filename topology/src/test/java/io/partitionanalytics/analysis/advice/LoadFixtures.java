package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load snapshots for advisor tests, in the spirit of cruise-control's {@code DeterministicCluster}: small, named
 * situations built exactly, so that each test states the numbers it relies on.
 */
final class LoadFixtures {

    /** Window [WINDOW_START, WINDOW_END): 5 s, aligned to 5 s and to the 60 s default bucket. */
    static final long WINDOW_START = 1_800_000_000_000L;

    static final long WINDOW_END = WINDOW_START + 5_000;
    static final long BYTES_PER_EVENT = 100;

    private LoadFixtures() {}

    /** Every partition with {@code events} events of about 100 distinct small keys; no key named. */
    static LoadSnapshot uniform(String strategy, int partitions, long events) {
        Builder b = builder(strategy, partitions);
        for (int p = 0; p < partitions; p++) {
            b.events(p, events).distinct(p, 100);
        }
        return b.build();
    }

    /** Explicit loads, each partition's traffic made of many small keys (1 per 10 events); no key named. */
    static LoadSnapshot skewed(String strategy, long... events) {
        Builder b = builder(strategy, events.length);
        for (int p = 0; p < events.length; p++) {
            b.events(p, events[p]).distinct(p, Math.max(1, events[p] / 10));
        }
        return b.build();
    }

    /**
     * {@code baseEvents} of small keys on every partition, plus one named key with {@code keyEvents} on the partition
     * {@code strategy} assigns it (for {@code observed}: kafka-default's). Its sketch bounds are ±1% of its count.
     */
    static LoadSnapshot hotKey(String strategy, int partitions, long baseEvents, String key, long keyEvents) {
        int p = partitionOf(strategy, partitions, key);
        Builder b = builder(strategy, partitions);
        for (int q = 0; q < partitions; q++) {
            b.events(q, baseEvents).distinct(q, Math.max(1, baseEvents / 10));
        }
        long error = keyEvents / 100;
        return b.events(p, baseEvents + keyEvents)
                .distinct(p, baseEvents / 10 + 1)
                .key(p, key, keyEvents, keyEvents - error, keyEvents + error)
                .maxError(p, error)
                .build();
    }

    /**
     * The hot channel: 1000 channels, one of them ({@code c-42}) 40% of all traffic, under {@code strategy}
     * over {@code partitions}; 120,000 events in the window.
     */
    static LoadSnapshot hotChannelAt40Percent(String strategy, int partitions) {
        long total = 120_000;
        long hot = total * 40 / 100;
        return hotKey(strategy, partitions, (total - hot) / partitions, "c-42", hot);
    }

    /**
     * Ever-increasing keys, one event each, with event time = now: under time-bucket every event of the window falls in
     * the current bucket, so on one partition.
     */
    static LoadSnapshot sequentialTime(int partitions, long bucketMs, long events) {
        int p = (int) Math.floorMod(Math.floorDiv(WINDOW_START, bucketMs), (long) partitions);
        return builder("time-bucket", partitions)
                .events(p, events)
                .distinct(p, events)
                .build();
    }

    /** The partition of a key under a strategy with default options ({@code observed}: kafka-default). */
    static int partitionOf(String strategy, int partitions, String key) {
        String name = Strategies.OBSERVED.equals(strategy) ? "kafka-default" : strategy;
        return partitionOf(Strategies.create(name, partitions), key);
    }

    static int partitionOf(PartitionStrategy strategy, String key) {
        return strategy.partition(key.getBytes(StandardCharsets.UTF_8), WINDOW_START, Double.NaN, Double.NaN);
    }

    static Builder builder(String strategy, int partitions) {
        return new Builder(strategy, partitions);
    }

    /** Builds a snapshot with consistent totals, shares, ratios and statistics. */
    static final class Builder {
        private final String strategy;
        private final long[] events;
        private final long[] distinct;
        private final long[] maxError;
        private final List<Map<String, long[]>> keys = new ArrayList<>();
        private long windowStart = WINDOW_START;
        private long windowEnd = WINDOW_END;

        private Builder(String strategy, int partitions) {
            this.strategy = strategy;
            this.events = new long[partitions];
            this.distinct = new long[partitions];
            this.maxError = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                keys.add(new TreeMap<>());
            }
        }

        Builder window(long start, long end) {
            this.windowStart = start;
            this.windowEnd = end;
            return this;
        }

        Builder events(int partition, long value) {
            events[partition] = value;
            return this;
        }

        Builder distinct(int partition, long value) {
            distinct[partition] = value;
            return this;
        }

        Builder maxError(int partition, long value) {
            maxError[partition] = value;
            return this;
        }

        /** A named key with an exact count (bounds equal to it). */
        Builder key(int partition, String key, long count) {
            return key(partition, key, count, count, count);
        }

        Builder key(int partition, String key, long estimate, long lower, long upper) {
            keys.get(partition).put(key, new long[] {estimate, lower, upper});
            return this;
        }

        LoadSnapshot build() {
            int n = events.length;
            long total = 0;
            for (long e : events) {
                total += e;
            }
            double mean = (double) total / n;
            double max = 0;
            double squares = 0;
            List<LoadSnapshot.Partition> partitions = new ArrayList<>();
            for (int p = 0; p < n; p++) {
                long e = events[p];
                max = Math.max(max, e);
                squares += (e - mean) * (e - mean);
                List<LoadSnapshot.Key> named = new ArrayList<>();
                keys.get(p)
                        .forEach((k, c) ->
                                named.add(new LoadSnapshot.Key(k, c[0], c[1], c[2], e == 0 ? 0 : (double) c[0] / e)));
                named.sort((a, b) -> Long.compare(b.events(), a.events()));
                partitions.add(new LoadSnapshot.Partition(
                        p,
                        e,
                        e * BYTES_PER_EVENT,
                        total == 0 ? 0 : (double) e / total,
                        total == 0 ? 0 : e / mean,
                        distinct[p],
                        distinct[p],
                        distinct[p],
                        maxError[p],
                        List.copyOf(named)));
            }
            return new LoadSnapshot(
                    strategy,
                    windowStart,
                    windowEnd,
                    n,
                    total,
                    total * BYTES_PER_EVENT,
                    mean,
                    total == 0 ? 0 : max / mean,
                    total == 0 ? 0 : Math.sqrt(squares / n) / mean,
                    List.copyOf(partitions));
        }
    }
}
