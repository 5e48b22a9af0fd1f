package io.partitionanalytics.partitioners.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 (Austin Appleby, public domain), written from the algorithm description, byte-exact with the reference C
 * code {@code MurmurHash3_x86_32} and {@code MurmurHash3_x64_128} for every length, every byte value and every seed.
 *
 * <p>All methods hash a range of a {@code byte[]} in place: no copies, no {@code String}s, no allocation. The reference
 * takes a {@code uint32_t} seed; Java has no unsigned int, so the {@code int seed} here is read as those same 32 bits
 * (for x64_128 it is zero-extended to 64 bits, exactly as the C code's implicit conversion does).
 *
 * <p>The reference reads blocks in the machine's byte order; the published vectors come from little-endian machines, so
 * blocks are read little-endian here on every platform.
 */
public final class Murmur3 {

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int C1_32 = 0xcc9e2d51;
    private static final int C2_32 = 0x1b873593;

    private static final long C1_64 = 0x87c37b91114253d5L;
    private static final long C2_64 = 0x4cf5ad432745937fL;

    private Murmur3() {}

    /** {@link #hash32x86(byte[], int, int, int)} over the whole array. */
    public static int hash32x86(byte[] data, int seed) {
        return hash32x86(data, 0, data.length, seed);
    }

    /** MurmurHash3_x86_32 of {@code data[offset, offset + length)}. */
    public static int hash32x86(byte[] data, int offset, int length, int seed) {
        int h = seed;
        int blocksEnd = offset + (length & ~3);
        for (int i = offset; i < blocksEnd; i += 4) {
            h = mixH32(h, (int) INT_LE.get(data, i));
        }
        int tail = length & 3;
        if (tail != 0) {
            // The reference's fall-through switch over the 1-3 tail bytes, little-endian, as unsigned bytes.
            int k = data[blocksEnd] & 0xff;
            if (tail >= 2) {
                k ^= (data[blocksEnd + 1] & 0xff) << 8;
            }
            if (tail == 3) {
                k ^= (data[blocksEnd + 2] & 0xff) << 16;
            }
            h ^= mixK32(k);
        }
        return fmix32(h ^ length);
    }

    /**
     * MurmurHash3_x86_32 of the concatenation of {@code data[offset, offset + length)} and the 8 big-endian bytes of
     * {@code suffix}, computed without building the concatenation (this is what {@code channel-bucket} hashes per event).
     */
    public static int hash32x86WithLongSuffix(byte[] data, int offset, int length, long suffix, int seed) {
        int h = seed;
        int blocksEnd = offset + (length & ~3);
        for (int i = offset; i < blocksEnd; i += 4) {
            h = mixH32(h, (int) INT_LE.get(data, i));
        }
        // What is left is r (0..3) key bytes followed by the 8 suffix bytes: two whole blocks and an r-byte tail.
        // Lay those r + 8 bytes out little-endian in 'low' (bytes 0..7) and 'high' (bytes 8..10).
        int r = length & 3;
        long keyTail = 0;
        for (int i = 0; i < r; i++) {
            keyTail |= (data[blocksEnd + i] & 0xffL) << (8 * i);
        }
        long suffixLe = Long.reverseBytes(suffix); // big-endian byte j of suffix now sits at bits 8j
        long low = keyTail | (suffixLe << (8 * r));
        h = mixH32(h, (int) low);
        h = mixH32(h, (int) (low >>> 32));
        if (r != 0) {
            int high = (int) (suffixLe >>> (64 - 8 * r));
            h ^= mixK32(high);
        }
        return fmix32(h ^ (length + Long.BYTES));
    }

    /** MurmurHash3_x86_32 of the 8 big-endian bytes of {@code value}. */
    public static int hash32x86OfLong(long value, int seed) {
        int h = seed;
        long le = Long.reverseBytes(value);
        h = mixH32(h, (int) le);
        h = mixH32(h, (int) (le >>> 32));
        return fmix32(h ^ Long.BYTES);
    }

    /**
     * h1, the first 64 bits of MurmurHash3_x64_128 of {@code data[offset, offset + length)}: the value Guava's {@code
     * murmur3_128(seed).hashBytes(...).asLong()} returns. Use this on the hot path when one half is enough.
     */
    public static long hash128x64H1(byte[] data, int offset, int length, int seed) {
        return hash128x64(data, offset, length, seed & 0xffffffffL, false, null);
    }

    /**
     * MurmurHash3_x64_128 of {@code data[offset, offset + length)}; writes h1 to {@code out[0]} and h2 to {@code out[1]}
     * (the reference's output order: h1's 8 bytes little-endian, then h2's).
     */
    public static void hash128x64(byte[] data, int offset, int length, int seed, long[] out) {
        if (out.length < 2) {
            throw new IllegalArgumentException("out must hold 2 longs, has " + out.length);
        }
        hash128x64(data, offset, length, seed & 0xffffffffL, false, out);
    }

    /**
     * The token Cassandra's {@code Murmur3Partitioner} gives a partition key: h1 of Cassandra's own x64_128 variant with
     * seed 0, where an empty key is the minimum token and {@code Long.MIN_VALUE} is normalised to {@code
     * Long.MAX_VALUE}.
     *
     * <p>Cassandra's variant differs from the reference in one place: the tail bytes (the last {@code length % 16}) are
     * read as signed Java bytes and sign-extended before being shifted into place, so any tail byte {@code >= 0x80} sets
     * the higher bits too. Whole 16-byte blocks are read like the reference. Reproducing the quirk is the point: it is
     * what every Cassandra node and driver computes.
     */
    public static long cassandraToken(byte[] data, int offset, int length) {
        if (length == 0) {
            return Long.MIN_VALUE;
        }
        long h1 = hash128x64(data, offset, length, 0L, true, null);
        return h1 == Long.MIN_VALUE ? Long.MAX_VALUE : h1;
    }

    /** Kafka's {@code Utils.toPositive}: clears the sign bit, so every hash maps to {@code [0, 2^31)}. */
    public static int toPositive(int hash) {
        return hash & 0x7fffffff;
    }

    private static long hash128x64(byte[] data, int offset, int length, long seed, boolean signExtendTail, long[] out) {
        long h1 = seed;
        long h2 = seed;
        int blocksEnd = offset + (length & ~15);
        for (int i = offset; i < blocksEnd; i += 16) {
            long k1 = (long) LONG_LE.get(data, i);
            long k2 = (long) LONG_LE.get(data, i + 8);

            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;

            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        int tail = length & 15;
        if (tail > 8) {
            h2 ^= mixK2(tailWord(data, blocksEnd + 8, tail - 8, signExtendTail));
        }
        if (tail > 0) {
            h1 ^= mixK1(tailWord(data, blocksEnd, Math.min(tail, 8), signExtendTail));
        }

        h1 ^= length;
        h2 ^= length;
        h1 += h2;
        h2 += h1;
        h1 = fmix64(h1);
        h2 = fmix64(h2);
        h1 += h2;
        h2 += h1;
        if (out != null) {
            out[0] = h1;
            out[1] = h2;
        }
        return h1;
    }

    /**
     * Up to 8 tail bytes as the little-endian word the reference's fall-through switch builds (it XORs them in, so the
     * order is free). Kept out of the block loop's method so that method stays small enough for the JIT to inline.
     */
    private static long tailWord(byte[] data, int start, int count, boolean signExtend) {
        long k = 0;
        for (int i = 0; i < count; i++) {
            long b = signExtend ? (long) data[start + i] : data[start + i] & 0xffL;
            k ^= b << (8 * i);
        }
        return k;
    }

    private static int mixK32(int k) {
        k *= C1_32;
        k = Integer.rotateLeft(k, 15);
        return k * C2_32;
    }

    private static int mixH32(int h, int k) {
        h ^= mixK32(k);
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private static long mixK1(long k1) {
        k1 *= C1_64;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2_64;
    }

    private static long mixK2(long k2) {
        k2 *= C2_64;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1_64;
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        return k ^ (k >>> 33);
    }
}
