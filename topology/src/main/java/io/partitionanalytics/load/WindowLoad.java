package io.partitionanalytics.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * The load of every partition of one strategy in one window: exact events and bytes, and two mergeable sketches per
 * partition — distinct keys (HyperLogLog) and heavy keys (frequent items, with guaranteed error bounds). It is both
 * the partial aggregate that the combine step builds per task and the sum that the merge step builds; memory is
 * bounded by the sketch sizes, whatever the number of keys. Mutable, not thread-safe (each belongs to one task).
 */
public final class WindowLoad {

    /** HLL with 2^10 buckets: about 3% relative standard error, at most ~1 KB per partition. */
    public static final int HLL_LG_K = 10;
    /**
     * Frequent-items map size: the sketch keeps up to 0.75 × this many keys, and a key's count is known to within
     * 3.5 / this size of the partition's events (about 2.7%); keys above that share are never missed.
     */
    public static final int TOP_KEYS_MAP_SIZE = 128;
    /**
     * Map size of the window-wide heavy-keys sketch that window-stable strategies share (see
     * {@link StrategySet#isWindowStable(int)}): a key's count is known within 3.5 / 1024 of all the window's events.
     */
    public static final int WINDOW_HEAVY_KEYS_MAP_SIZE = 1024;

    private static final byte FORMAT_VERSION = 3;
    private static final ArrayOfStringsSerDe STRING_SERDE = new ArrayOfStringsSerDe();

    private final String strategy;
    private final long windowStartMs;
    private final long[] events;
    private final long[] bytes;
    private final HllSketch[] distinctKeys;
    private final ItemsSketch<String>[] topKeys;
    /** Window-wide heavy keys (all partitions), shared by the window-stable strategies of one window; else null. */
    private ItemsSketch<String> windowHeavyKeys;
    /**
     * Whether this load carries the window-wide sketch: writes it in its bytes and merges it. One strategy per window
     * does ({@link StrategySet#windowHeavyKeysCarrier()}); the other window-stable ones only borrow it to name their
     * heavy keys, so that the sketch crosses the repartition topic and the changelogs once, not once per strategy.
     */
    private boolean carriesWindowHeavyKeys;

    public WindowLoad(String strategy, long windowStartMs, int numPartitions) {
        this(
                strategy,
                windowStartMs,
                new long[numPartitions],
                new long[numPartitions],
                new HllSketch[numPartitions],
                newItemsArray(numPartitions));
    }

    private WindowLoad(
            String strategy,
            long windowStartMs,
            long[] events,
            long[] bytes,
            HllSketch[] distinctKeys,
            ItemsSketch<String>[] topKeys) {
        this.strategy = strategy;
        this.windowStartMs = windowStartMs;
        this.events = events;
        this.bytes = bytes;
        this.distinctKeys = distinctKeys;
        this.topKeys = topKeys;
    }

    public static ItemsSketch<String> newWindowHeavyKeys() {
        return new ItemsSketch<>(WINDOW_HEAVY_KEYS_MAP_SIZE);
    }

    @SuppressWarnings("unchecked")
    private static ItemsSketch<String>[] newItemsArray(int n) {
        return (ItemsSketch<String>[]) new ItemsSketch<?>[n];
    }

    /** The hot path: one event's events and bytes. */
    public void count(int partition, long payloadBytes) {
        events[partition]++;
        bytes[partition] += payloadBytes;
    }

    /** Adds a key to a partition's distinct-key sketch (idempotent: once per key and window is enough). */
    public void addDistinct(int partition, long keyHash) {
        HllSketch hll = distinctKeys[partition];
        if (hll == null) {
            hll = distinctKeys[partition] = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
        }
        hll.update(keyHash);
    }

    /** A partition's own heavy-keys sketch (strategies that are not window-stable), created on first use. */
    public ItemsSketch<String> partitionHeavyKeys(int partition) {
        ItemsSketch<String> items = topKeys[partition];
        if (items == null) {
            items = topKeys[partition] = new ItemsSketch<>(TOP_KEYS_MAP_SIZE);
        }
        return items;
    }

    /**
     * Makes this load name its heavy keys from a window-wide sketch, which the caller updates once per event for
     * every window-stable strategy of the window; {@code carrier}: this load also writes and merges it.
     */
    public void shareWindowHeavyKeys(ItemsSketch<String> sketch, boolean carrier) {
        this.windowHeavyKeys = sketch;
        this.carriesWindowHeavyKeys = carrier;
    }

    /**
     * Links the window-stable loads of one window (indexed as {@code strategies}) to one window-wide sketch, carried
     * by the carrier strategy's load.
     */
    public static void shareWindowHeavyKeys(WindowLoad[] loads, StrategySet strategies, ItemsSketch<String> sketch) {
        int carrier = strategies.windowHeavyKeysCarrier();
        for (int i = 0; i < loads.length; i++) {
            if (strategies.isWindowStable(i) && loads[i] != null) {
                loads[i].shareWindowHeavyKeys(sketch, i == carrier);
            }
        }
    }

    public ItemsSketch<String> windowHeavyKeys() {
        return windowHeavyKeys;
    }

    /** Whether this load writes and merges its window's heavy keys (see {@link #shareWindowHeavyKeys}). */
    public boolean carriesWindowHeavyKeys() {
        return carriesWindowHeavyKeys;
    }

    /** Adds {@code other} (same strategy, window and partition count) into this one. */
    public void merge(WindowLoad other) {
        if (other.events.length != events.length) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.events.length + " partitions of " + strategy + " into " + events.length);
        }
        for (int p = 0; p < events.length; p++) {
            events[p] += other.events[p];
            bytes[p] += other.bytes[p];
            if (other.distinctKeys[p] != null) {
                if (distinctKeys[p] == null) {
                    distinctKeys[p] = other.distinctKeys[p].copy();
                } else {
                    Union union = new Union(HLL_LG_K);
                    union.update(distinctKeys[p]);
                    union.update(other.distinctKeys[p]);
                    // HLL_8 (1 KB at lgK 10) is the union's own form: no conversion back to 4-bit buckets on every
                    // merge. Estimates do not depend on the type; only merged loads (one per strategy and window)
                    // take the larger form, the per-task partials stay HLL_4.
                    distinctKeys[p] = union.getResult(TgtHllType.HLL_8);
                }
            }
            if (other.topKeys[p] != null) {
                if (topKeys[p] == null) {
                    topKeys[p] = new ItemsSketch<>(TOP_KEYS_MAP_SIZE);
                }
                topKeys[p].merge(other.topKeys[p]);
            }
        }
        if (other.carriesWindowHeavyKeys && other.windowHeavyKeys != null) {
            if (windowHeavyKeys == null) {
                windowHeavyKeys = newWindowHeavyKeys();
                carriesWindowHeavyKeys = true;
            } else if (!carriesWindowHeavyKeys) {
                throw new IllegalStateException(
                        "the " + strategy + " load borrows its window's heavy keys and cannot merge them");
            }
            windowHeavyKeys.merge(other.windowHeavyKeys);
        }
    }

    public String strategy() {
        return strategy;
    }

    public long windowStartMs() {
        return windowStartMs;
    }

    public int numPartitions() {
        return events.length;
    }

    public long events(int partition) {
        return events[partition];
    }

    public long bytes(int partition) {
        return bytes[partition];
    }

    public long totalEvents() {
        return Arrays.stream(events).sum();
    }

    /** Estimated distinct keys of a partition, with bounds at about 95% confidence (two standard deviations). */
    public DistinctKeys distinctKeys(int partition) {
        HllSketch hll = distinctKeys[partition];
        if (hll == null) {
            return new DistinctKeys(0, 0, 0);
        }
        return new DistinctKeys(Math.round(hll.getEstimate()), (long) Math.floor(hll.getLowerBound(2)), (long)
                Math.ceil(hll.getUpperBound(2)));
    }

    /** Where a heavy key of the window-wide sketch belongs: the strategy applied to the key. */
    @FunctionalInterface
    public interface KeyPlacement {
        int partitionOf(String key);
    }

    /**
     * The heaviest keys of every partition, heaviest first, at most {@code limit} each: every key whose true count
     * exceeds the sketch's maximum error is included (no false negatives); each count is known within [lower, upper].
     * With a window-wide sketch the heavy keys of all partitions are placed by {@code placement}, once per key.
     */
    public List<List<HeavyKey>> topKeysByPartition(int limit, KeyPlacement placement) {
        int n = events.length;
        List<List<HeavyKey>> placed = null;
        List<List<HeavyKey>> byPartition = new ArrayList<>(n);
        for (int p = 0; p < n; p++) {
            List<HeavyKey> keys;
            if (topKeys[p] != null) {
                keys = heavyKeys(topKeys[p]);
            } else if (windowHeavyKeys != null) {
                if (placed == null) {
                    placed = placeWindowHeavyKeys(placement);
                }
                keys = placed.get(p);
            } else {
                keys = List.of();
            }
            byPartition.add(keys.stream()
                    .sorted(Comparator.comparingLong(HeavyKey::estimate)
                            .reversed()
                            .thenComparing(HeavyKey::key))
                    .limit(limit)
                    .toList());
        }
        return byPartition;
    }

    /** The window-wide sketch's heavy keys, by the partition {@code placement} puts each on (once per key). */
    private List<List<HeavyKey>> placeWindowHeavyKeys(KeyPlacement placement) {
        List<List<HeavyKey>> placed = new ArrayList<>(events.length);
        for (int p = 0; p < events.length; p++) {
            placed.add(new ArrayList<>());
        }
        for (HeavyKey key : heavyKeys(windowHeavyKeys)) {
            int partition = placement.partitionOf(key.key());
            if (partition >= 0 && partition < events.length) {
                placed.get(partition).add(key);
            }
        }
        return placed;
    }

    private static List<HeavyKey> heavyKeys(ItemsSketch<String> sketch) {
        return Stream.of(sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES))
                .map(row -> new HeavyKey(row.getItem(), row.getEstimate(), row.getLowerBound(), row.getUpperBound()))
                .toList();
    }

    /** The largest error of any key count of a partition (0 when the sketch holds every key exactly). */
    public long topKeysMaxError(int partition) {
        if (topKeys[partition] != null) {
            return topKeys[partition].getMaximumError();
        }
        return windowHeavyKeys == null ? 0 : windowHeavyKeys.getMaximumError();
    }

    public record DistinctKeys(long estimate, long lowerBound, long upperBound) {}

    public record HeavyKey(String key, long estimate, long lowerBound, long upperBound) {}

    public byte[] toBytes() {
        byte[] name = strategy.getBytes(StandardCharsets.UTF_8);
        int n = events.length;
        byte[][] hlls = new byte[n][];
        byte[][] items = new byte[n][];
        int size = 1 + 4 + name.length + 8 + 4;
        for (int p = 0; p < n; p++) {
            hlls[p] = distinctKeys[p] == null ? new byte[0] : distinctKeys[p].toCompactByteArray();
            items[p] = topKeys[p] == null ? new byte[0] : topKeys[p].toByteArray(STRING_SERDE);
            size += 16 + 4 + hlls[p].length + 4 + items[p].length;
        }
        byte[] shared = carriesWindowHeavyKeys && windowHeavyKeys != null
                ? windowHeavyKeys.toByteArray(STRING_SERDE)
                : new byte[0];
        size += 4 + shared.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put(FORMAT_VERSION)
                .putInt(name.length)
                .put(name)
                .putLong(windowStartMs)
                .putInt(n);
        for (int p = 0; p < n; p++) {
            buffer.putLong(events[p]).putLong(bytes[p]);
            buffer.putInt(hlls[p].length).put(hlls[p]);
            buffer.putInt(items[p].length).put(items[p]);
        }
        buffer.putInt(shared.length).put(shared);
        return buffer.array();
    }

    public static WindowLoad fromBytes(byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        byte version = buffer.get();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown WindowLoad format " + version);
        }
        byte[] name = new byte[buffer.getInt()];
        buffer.get(name);
        long windowStart = buffer.getLong();
        int n = buffer.getInt();
        long[] events = new long[n];
        long[] bytes = new long[n];
        HllSketch[] hlls = new HllSketch[n];
        ItemsSketch<String>[] items = newItemsArray(n);
        for (int p = 0; p < n; p++) {
            events[p] = buffer.getLong();
            bytes[p] = buffer.getLong();
            byte[] hll = new byte[buffer.getInt()];
            buffer.get(hll);
            if (hll.length > 0) {
                hlls[p] = HllSketch.heapify(hll);
            }
            byte[] item = new byte[buffer.getInt()];
            buffer.get(item);
            if (item.length > 0) {
                items[p] = ItemsSketch.getInstance(Memory.wrap(item), STRING_SERDE);
            }
        }
        WindowLoad load =
                new WindowLoad(new String(name, StandardCharsets.UTF_8), windowStart, events, bytes, hlls, items);
        byte[] shared = new byte[buffer.getInt()];
        buffer.get(shared);
        if (shared.length > 0) {
            load.windowHeavyKeys = ItemsSketch.getInstance(Memory.wrap(shared), STRING_SERDE);
            load.carriesWindowHeavyKeys = true;
        }
        return load;
    }

    /** The store and repartition key: strategy and window. */
    public String key() {
        return key(strategy, windowStartMs);
    }

    public static String key(String strategy, long windowStartMs) {
        return strategy + "@" + windowStartMs;
    }

    @Override
    public String toString() {
        return strategy + "@" + windowStartMs + Arrays.toString(events);
    }
}
