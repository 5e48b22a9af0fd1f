package io.partitionanalytics.partitioners.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.TestKeys;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

/**
 * Differential tests against commons-codec's MurmurHash3 (an independent implementation, test scope only). Inputs sit at
 * random offsets inside a larger buffer so that offset handling is exercised too. Mismatches are collected and reported
 * with the input, rather than failing on the first, so a broken tail case shows its pattern.
 */
class Murmur3DifferentialTest {

    private static final int RANDOM_INPUTS = 1_000_000;
    private static final int MAX_LENGTH = 64;

    @Test
    void shouldMatchCommonsCodecX86_32OnAMillionRandomInputs() {
        // Given
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        byte[] buffer = new byte[MAX_LENGTH + 16];
        int mismatches = 0;
        String firstMismatch = null;

        for (int n = 0; n < RANDOM_INPUTS; n++) {
            fill(random, buffer);
            int length = random.nextInt(MAX_LENGTH + 1);
            int offset = random.nextInt(buffer.length - length + 1);
            int seed = randomSeed(random);

            // When
            int ours = Murmur3.hash32x86(buffer, offset, length, seed);
            int theirs = MurmurHash3.hash32x86(buffer, offset, length, seed);

            // Then (collected)
            if (ours != theirs) {
                mismatches++;
                if (firstMismatch == null) {
                    firstMismatch = describe(buffer, offset, length, seed);
                }
            }
        }
        assertThat(mismatches).as("mismatches, first: %s", firstMismatch).isZero();
    }

    @Test
    void shouldMatchCommonsCodecX64_128OnAMillionRandomInputs() {
        // Given
        SplittableRandom random = new SplittableRandom(0x5EED_0002L);
        byte[] buffer = new byte[MAX_LENGTH + 16];
        long[] ours = new long[2];
        int mismatches = 0;
        String firstMismatch = null;

        for (int n = 0; n < RANDOM_INPUTS; n++) {
            fill(random, buffer);
            int length = random.nextInt(MAX_LENGTH + 1);
            int offset = random.nextInt(buffer.length - length + 1);
            int seed = randomSeed(random);

            // When
            Murmur3.hash128x64(buffer, offset, length, seed, ours);
            long h1 = Murmur3.hash128x64H1(buffer, offset, length, seed);
            long[] theirs = MurmurHash3.hash128x64(buffer, offset, length, seed);

            // Then (collected)
            if (ours[0] != theirs[0] || ours[1] != theirs[1] || h1 != theirs[0]) {
                mismatches++;
                if (firstMismatch == null) {
                    firstMismatch = describe(buffer, offset, length, seed);
                }
            }
        }
        assertThat(mismatches).as("mismatches, first: %s", firstMismatch).isZero();
    }

    @Test
    void shouldMatchCommonsCodecOnNonAsciiText() {
        // Given
        SplittableRandom random = new SplittableRandom(0x5EED_0003L);
        long[] ours = new long[2];

        for (byte[] text : TestKeys.nonAsciiText(0x5EED_0004L, 50_000)) {
            int seed = randomSeed(random);

            // When
            int h32 = Murmur3.hash32x86(text, 0, text.length, seed);
            Murmur3.hash128x64(text, 0, text.length, seed, ours);

            // Then
            assertThat(h32).isEqualTo(MurmurHash3.hash32x86(text, 0, text.length, seed));
            assertThat(ours).containsExactly(MurmurHash3.hash128x64(text, 0, text.length, seed));
        }
    }

    @Test
    void shouldMatchCommonsCodecForEveryByteValueInEveryPosition() {
        // Given every length 1..33 (all tail sizes of both variants, plus whole blocks) and every byte value at
        // every position, over a background of another byte value, with a negative seed
        long[] ours = new long[2];
        for (int length = 1; length <= 33; length++) {
            for (int position = 0; position < length; position++) {
                for (int value = 0; value < 256; value++) {
                    byte[] key = new byte[length];
                    java.util.Arrays.fill(key, (byte) 0x5A);
                    key[position] = (byte) value;

                    // When
                    int h32 = Murmur3.hash32x86(key, 0, length, -42);
                    Murmur3.hash128x64(key, 0, length, -42, ours);

                    // Then
                    assertThat(h32).isEqualTo(MurmurHash3.hash32x86(key, 0, length, -42));
                    assertThat(ours).containsExactly(MurmurHash3.hash128x64(key, 0, length, -42));
                }
            }
        }
    }

    private static void fill(SplittableRandom random, byte[] buffer) {
        for (int i = 0; i < buffer.length; i += 8) {
            long bits = random.nextLong();
            for (int j = 0; j < 8 && i + j < buffer.length; j++) {
                buffer[i + j] = (byte) (bits >>> (8 * j));
            }
        }
    }

    /** Seeds: mostly random (half of them negative), with 0, -1 and the extremes on purpose. */
    private static int randomSeed(SplittableRandom random) {
        switch (random.nextInt(8)) {
            case 0:
                return 0;
            case 1:
                return -1;
            case 2:
                return Integer.MIN_VALUE;
            default:
                return random.nextInt();
        }
    }

    private static String describe(byte[] buffer, int offset, int length, int seed) {
        return "seed " + seed + ", bytes " + java.util.HexFormat.of().formatHex(buffer, offset, offset + length);
    }
}
