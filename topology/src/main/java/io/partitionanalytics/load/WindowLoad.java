package io.partitionanalytics.load;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Events and bytes per partition of one strategy in one window: the mergeable partial aggregate that the combine step
 * builds per task and the merge step adds up. Mutable, not thread-safe (each belongs to one task).
 */
public final class WindowLoad {

    private static final byte FORMAT_VERSION = 1;

    private final String strategy;
    private final long windowStartMs;
    private final long[] events;
    private final long[] bytes;

    public WindowLoad(String strategy, long windowStartMs, int numPartitions) {
        this(strategy, windowStartMs, new long[numPartitions], new long[numPartitions]);
    }

    private WindowLoad(String strategy, long windowStartMs, long[] events, long[] bytes) {
        this.strategy = strategy;
        this.windowStartMs = windowStartMs;
        this.events = events;
        this.bytes = bytes;
    }

    public void add(int partition, long payloadBytes) {
        events[partition]++;
        bytes[partition] += payloadBytes;
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

    public byte[] toBytes() {
        byte[] name = strategy.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + 4 + name.length + 8 + 4 + 16 * events.length);
        buffer.put(FORMAT_VERSION)
                .putInt(name.length)
                .put(name)
                .putLong(windowStartMs)
                .putInt(events.length);
        for (int p = 0; p < events.length; p++) {
            buffer.putLong(events[p]).putLong(bytes[p]);
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
        for (int p = 0; p < n; p++) {
            events[p] = buffer.getLong();
            bytes[p] = buffer.getLong();
        }
        return new WindowLoad(new String(name, java.nio.charset.StandardCharsets.UTF_8), windowStart, events, bytes);
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
