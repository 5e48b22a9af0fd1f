package io.partitionanalytics.load;

import io.partitionanalytics.partitioners.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The per-event core, without Kafka: adds one event to the loads of its window under every strategy. Kept apart from
 * the processor so that the benchmark measures exactly the code the pipeline runs.
 *
 * <p>Window-stable strategies (see {@link StrategySet#isWindowStable(int)}) compute a key's partitions and
 * distinct-key updates once per key and window (then read them from {@link WindowKeyCache}) and share one
 * window-wide heavy-keys sketch; the others place every event, but update a partition's distinct keys only when the
 * key moved since the cache last saw it in the window (a task's {@code observed} partition never moves).
 */
public final class EventCombiner {

    /**
     * Keys remembered per task with their partitions and text for the current window (~0.3 MB of arrays at 7
     * strategies, plus up to this many key strings).
     */
    static final int KEY_CACHE_SIZE = 8192;

    private final StrategySet strategies;
    private final WindowKeyCache keyCache;
    private final int heavyKeysCarrier;

    public EventCombiner(StrategySet strategies) {
        this.strategies = strategies;
        this.keyCache = new WindowKeyCache(KEY_CACHE_SIZE, strategies.size());
        this.heavyKeysCarrier = strategies.windowHeavyKeysCarrier();
    }

    /**
     * @param loads the loads of every strategy for the event's window (from {@link WindowLoadStore#window(long)})
     * @param sourcePartition the partition the record was read from ({@code observed})
     */
    public void add(
            WindowLoad[] loads,
            long windowStartMs,
            byte[] key,
            long timestampMs,
            double latitude,
            double longitude,
            int sourcePartition,
            long payloadBytes) {
        // Once per event, shared by every strategy's sketches.
        long keyHash = Murmur3.hash128x64H1(key, 0, key.length, 0);
        int slot = keyCache.slot(keyHash, key, windowStartMs);
        boolean seenInWindow = slot >= 0;
        String keyText;
        if (seenInWindow) {
            keyText = keyCache.key(slot);
        } else {
            keyText = new String(key, StandardCharsets.UTF_8);
            slot = keyCache.claim(keyHash, key, windowStartMs, keyText);
        }
        // Each call below has one call site in this loop: the JIT inlines a callee once per call site, and
        // DataSketches' HLL and frequent-items updates are large, in the one method that runs for every event.
        for (int i = 0; i < loads.length; i++) {
            boolean stable = strategies.isWindowStable(i);
            int partition;
            if (stable && seenInWindow) {
                // Placed, and counted as a distinct key, when first seen in this window.
                partition = keyCache.partition(slot, i);
            } else {
                partition = strategies.partition(i, key, timestampMs, latitude, longitude, sourcePartition);
                // A distinct-key update is idempotent: only a key not yet seen in this window, or last seen on
                // another partition (geo, time buckets not aligned with the window), can change the sketch. Within a
                // task, observed's partition never moves.
                if (!seenInWindow || keyCache.partition(slot, i) != partition) {
                    keyCache.setPartition(slot, i, partition);
                    loads[i].addDistinct(partition, keyHash);
                }
            }
            loads[i].count(partition, payloadBytes);
            // Window-stable strategies share one window-wide sketch, updated once per event with the carrier's load
            // (the carrier is window-stable); the others count heavy keys per partition.
            ItemsSketch<String> heavyKeys;
            if (i == heavyKeysCarrier) {
                heavyKeys = loads[i].windowHeavyKeys();
            } else if (!stable) {
                heavyKeys = loads[i].partitionHeavyKeys(partition);
            } else {
                continue;
            }
            heavyKeys.update(keyText);
        }
    }
}
