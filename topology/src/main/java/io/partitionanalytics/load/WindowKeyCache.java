package io.partitionanalytics.load;

import java.util.Arrays;

/**
 * Remembers, for recently seen keys, their partitions under every strategy in the current window (for one that is not
 * window-stable, the partition the key was last seen on) and their text: a direct-mapped table indexed by key hash,
 * bounded whatever the number of keys. A hit (same hash, same key bytes, same window) saves decoding the key, the
 * window-stable strategies' placements and distinct-key updates, and the others' distinct-key updates when the key
 * has not moved; a
 * miss (a new key, or one evicted by another) just does the work again, so the cache never changes a result — not
 * even for two keys whose hashes collide, since the bytes are compared. Written here because the per-event core must
 * allocate nothing for keys it has seen and no library offers a primitive, fixed-size, lossy cache of this shape.
 */
final class WindowKeyCache {

    private final int mask;
    private final int strategies;
    private final long[] keyHashes;
    private final long[] windowStarts;
    private final int[] partitions;
    /** Each slot's key bytes (the record's own array, not copied), to tell colliding hashes apart. */
    private final byte[][] keyBytes;
    /** Each slot's key as text, built once per key and window for the heavy-keys sketches (hash code cached). */
    private final String[] keys;

    WindowKeyCache(int size, int strategies) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        this.mask = size - 1;
        this.strategies = strategies;
        this.keyHashes = new long[size];
        this.windowStarts = new long[size];
        this.partitions = new int[size * strategies];
        this.keyBytes = new byte[size][];
        this.keys = new String[size];
        Arrays.fill(windowStarts, Long.MIN_VALUE);
    }

    /** The slot of a key already seen in this window, or -1. */
    int slot(long keyHash, byte[] key, long windowStartMs) {
        int slot = index(keyHash);
        return keyHashes[slot] == keyHash && windowStarts[slot] == windowStartMs && Arrays.equals(keyBytes[slot], key)
                ? slot
                : -1;
    }

    /** Takes the key's slot for this window (evicting whatever was there); fill it with {@link #setPartition}. */
    int claim(long keyHash, byte[] key, long windowStartMs, String text) {
        int slot = index(keyHash);
        keyHashes[slot] = keyHash;
        windowStarts[slot] = windowStartMs;
        keyBytes[slot] = key;
        keys[slot] = text;
        return slot;
    }

    String key(int slot) {
        return keys[slot];
    }

    int partition(int slot, int strategy) {
        return partitions[slot * strategies + strategy];
    }

    void setPartition(int slot, int strategy, int partition) {
        partitions[slot * strategies + strategy] = partition;
    }

    private int index(long keyHash) {
        return (int) (keyHash ^ (keyHash >>> 32)) & mask;
    }
}
