package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the pipeline must emit on {@code partition-load}, computed independently of it: every event placed with the
 * strategy functions themselves ({@code observed}: the partition it was written to), per strategy, window and
 * partition, and late events (per input partition in offset order, as the pipeline reads them) left out and counted.
 *
 * <p>Events must be {@link #add added} in offset order within each input partition; the order across partitions does
 * not matter, since lateness is judged per input partition. Keys of the maps are {@code strategy@windowStartMs}.
 */
final class ExpectedLoads {

    private final int partitions;
    private final long window;
    private final long grace;
    private final Map<String, PartitionStrategy> functions = new LinkedHashMap<>();
    private final long[] streamTime;

    /** Events per {@code strategy@window}, indexed by partition. */
    final Map<String, long[]> events = new HashMap<>();
    /** Payload bytes per {@code strategy@window}, indexed by partition. */
    final Map<String, long[]> bytes = new HashMap<>();
    /** Events per key, per partition, per {@code strategy@window}. */
    final Map<String, Map<Integer, Map<String, Long>>> keyCounts = new HashMap<>();
    /** Events later than grace behind their partition's stream time: counted in the metric, not in the loads. */
    long late;

    /** The strategies with their default options, each over {@code partitions} partitions. */
    ExpectedLoads(List<String> strategies, int partitions, long window, long grace) {
        this.partitions = partitions;
        this.window = window;
        this.grace = grace;
        for (String name : strategies) {
            functions.put(name, name.equals("observed") ? null : Strategies.create(name, partitions, Map.of()));
        }
        this.streamTime = new long[partitions];
        Arrays.fill(streamTime, Long.MIN_VALUE);
    }

    /** One event as read from input partition {@code observed}, after those before it in that partition. */
    void add(MessageEvent event, int observed) {
        long ts = event.getTimestampMs();
        long windowStart = ts - Math.floorMod(ts, window);
        if (streamTime[observed] != Long.MIN_VALUE && windowStart + window + grace <= streamTime[observed]) {
            late++;
            return;
        }
        streamTime[observed] = Math.max(streamTime[observed], ts);
        String channel = event.getChannelId();
        byte[] key = channel.getBytes(StandardCharsets.UTF_8);
        functions.forEach((name, function) -> {
            int partition = function == null ? observed : function.partition(key, ts, Double.NaN, Double.NaN);
            String strategyWindow = name + "@" + windowStart;
            events.computeIfAbsent(strategyWindow, k -> new long[partitions])[partition]++;
            bytes.computeIfAbsent(strategyWindow, k -> new long[partitions])[partition] += event.getPayloadBytes();
            keyCounts
                    .computeIfAbsent(strategyWindow, k -> new HashMap<>())
                    .computeIfAbsent(partition, p -> new HashMap<>())
                    .merge(channel, 1L, Long::sum);
        });
    }

    /** The {@code strategy@window} keys whose window starts before {@code windowStartMs}. */
    Set<String> windowsBefore(long windowStartMs) {
        Set<String> keys = new TreeSet<>();
        for (String key : events.keySet()) {
            if (windowStart(key) < windowStartMs) {
                keys.add(key);
            }
        }
        return keys;
    }

    static long windowStart(String strategyWindow) {
        return Long.parseLong(strategyWindow.substring(strategyWindow.indexOf('@') + 1));
    }

    /** Whether {@code rows} (strategy@window -> partition -> row) hold every partition of every key in {@code keys}. */
    boolean complete(Map<String, Map<Integer, PartitionLoad>> rows, Set<String> keys) {
        for (String key : keys) {
            Map<Integer, PartitionLoad> row = rows.get(key);
            if (row == null || row.size() < partitions) {
                return false;
            }
        }
        return true;
    }

    /** Asserts that events and bytes of every partition of every key in {@code keys} are exactly the expected ones. */
    void assertExact(Map<String, Map<Integer, PartitionLoad>> rows, Set<String> keys) {
        for (String key : keys) {
            assertThat(rows).as("rows of %s", key).containsKey(key);
            for (int p = 0; p < partitions; p++) {
                PartitionLoad row = rows.get(key).get(p);
                assertThat(row).as("row of %s/%d", key, p).isNotNull();
                assertThat(row.getEvents()).as("events of %s/%d", key, p).isEqualTo(events.get(key)[p]);
                assertThat(row.getBytes()).as("bytes of %s/%d", key, p).isEqualTo(bytes.get(key)[p]);
            }
        }
    }
}
