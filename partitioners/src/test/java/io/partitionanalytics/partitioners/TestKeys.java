package io.partitionanalytics.partitioners;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Key fixtures for strategy tests: seeded, so a failure reproduces. */
public final class TestKeys {

    private static final String[] NON_ASCII = {
        "ü", "ß", "é", "ñ", "π", "Ω", "я", "ж", "中", "国", "日本", "한국어", "ع", "ש", "🙂", "🚀", "𝄞", "\u0000", "\uFFFD"
    };

    private TestKeys() {}

    /** {@code count} random byte keys of lengths {@code 0..maxLength}, every byte value possible. */
    public static List<byte[]> randomBytes(long seed, int count, int maxLength) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[random.nextInt(maxLength + 1)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) random.nextInt(256);
            }
            keys.add(key);
        }
        return keys;
    }

    /**
     * {@code count} random keys of 8 to 32 bytes: distinct in practice (2^64 and more values), so that no key weighs
     * more than another in share and movement statistics.
     */
    public static List<byte[]> distinct(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] key = new byte[random.nextInt(8, 33)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte) random.nextInt(256);
            }
            keys.add(key);
        }
        return keys;
    }

    /** {@code count} distinct channel-like keys, {@code "channel-<n>"}, as UTF-8. */
    public static List<byte[]> channels(int count) {
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(("channel-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }

    /** Random strings mixing ASCII with multi-byte UTF-8 characters (2, 3 and 4 bytes), as UTF-8. */
    public static List<byte[]> nonAsciiText(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int parts = random.nextInt(1, 12);
            for (int p = 0; p < parts; p++) {
                if (random.nextBoolean()) {
                    text.append(NON_ASCII[random.nextInt(NON_ASCII.length)]);
                } else {
                    text.append((char) random.nextInt(0x20, 0x7f));
                }
            }
            keys.add(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return keys;
    }
}
