package io.partitionanalytics.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private static final byte FORMAT_VERSION = 2;
    private static final ArrayOfStringsSerDe STRING_SERDE = new ArrayOfStringsSerDe();

    private final String strategy;
    private final long windowStartMs;
    private final long[] events;
    private final long[] bytes;
    private final HllSketch[] distinctKeys;
    private final ItemsSketch<String>[] topKeys;

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

    @SuppressWarnings("unchecked")
    private static ItemsSketch<String>[] newItemsArray(int n) {
        return (ItemsSketch<String>[]) new ItemsSketch<?>[n];
    }

    /**
     * Adds one event: the hot path.
     *
     * @param keyHash a 64-bit hash of the key, computed once per event for all strategies
     * @param key the key as text, decoded once per event for all strategies
     */
    public void add(int partition, long payloadBytes, long keyHash, String key) {
        events[partition]++;
        bytes[partition] += payloadBytes;
        HllSketch hll = distinctKeys[partition];
        if (hll == null) {
            hll = distinctKeys[partition] = new HllSketch(HLL_LG_K, TgtHllType.HLL_4);
        }
        hll.update(keyHash);
        ItemsSketch<String> items = topKeys[partition];
        if (items == null) {
            items = topKeys[partition] = new ItemsSketch<>(TOP_KEYS_MAP_SIZE);
        }
        items.update(key);
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
                    distinctKeys[p] = union.getResult(TgtHllType.HLL_4);
                }
            }
            if (other.topKeys[p] != null) {
                if (topKeys[p] == null) {
                    topKeys[p] = new ItemsSketch<>(TOP_KEYS_MAP_SIZE);
                }
                topKeys[p].merge(other.topKeys[p]);
            }
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

    /**
     * The heaviest keys of a partition, heaviest first: every key whose true count exceeds the sketch's maximum error
     * is included (no false negatives); each count is known within [lower, upper].
     */
    public List<HeavyKey> topKeys(int partition, int limit) {
        ItemsSketch<String> items = topKeys[partition];
        if (items == null) {
            return List.of();
        }
        return Stream.of(items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES))
                .map(row -> new HeavyKey(row.getItem(), row.getEstimate(), row.getLowerBound(), row.getUpperBound()))
                .sorted(Comparator.comparingLong(HeavyKey::estimate).reversed().thenComparing(HeavyKey::key))
                .limit(limit)
                .toList();
    }

    /** The largest error of any key count of a partition (0 when the sketch holds every key exactly). */
    public long topKeysMaxError(int partition) {
        ItemsSketch<String> items = topKeys[partition];
        return items == null ? 0 : items.getMaximumError();
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
        return new WindowLoad(new String(name, StandardCharsets.UTF_8), windowStart, events, bytes, hlls, items);
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
