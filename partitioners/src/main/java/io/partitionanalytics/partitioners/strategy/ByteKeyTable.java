package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.hash.Murmur3;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable open-addressing map from byte-string keys to ints. It exists because a {@code HashMap<ByteBuffer,
 * Integer>} lookup allocates a wrapper per call; this one compares the caller's array in place.
 */
final class ByteKeyTable {

    static final int ABSENT = -1;

    private final byte[][] keys;
    private final int[] values;
    private final int mask;
    private final int size;

    /** @param keys distinct keys; @param values non-negative values, aligned with keys */
    ByteKeyTable(byte[][] keys, int[] values) {
        int capacity = Integer.highestOneBit(Math.max(2, keys.length * 2 - 1)) << 1; // load factor <= 1/2
        this.keys = new byte[capacity][];
        this.values = new int[capacity];
        this.mask = capacity - 1;
        this.size = keys.length;
        for (int i = 0; i < keys.length; i++) {
            int slot = slotOf(keys[i]);
            if (this.keys[slot] != null) {
                throw new IllegalArgumentException(
                        "key 0x" + HexFormat.of().formatHex(keys[i]) + " appears more than once");
            }
            this.keys[slot] = keys[i].clone();
            this.values[slot] = values[i];
        }
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@link #ABSENT}. */
    int get(byte[] key) {
        if (size == 0) {
            return ABSENT;
        }
        int slot = slotOf(key);
        return keys[slot] == null ? ABSENT : values[slot];
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slotOf(byte[] key) {
        int slot = Murmur3.hash32x86(key, 0, key.length, 0) & mask;
        while (true) {
            byte[] k = keys[slot];
            if (k == null || Arrays.equals(k, key)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }
}
