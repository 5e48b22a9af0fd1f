package io.partitionanalytics.partitioners.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Published vectors and the SMHasher verification procedure. Vector sources: Ian Boyd's x86_32 vectors (the
 * StackOverflow answer reproduced by mmh3 and Bitcoin Core's hash tests), the Wikipedia/SMHasher text vectors, and the
 * x64_128 known values of Guava's {@code Murmur3Hash128Test} (also used by Elasticsearch and Spark).
 */
class Murmur3Test {

    static Stream<Arguments> x86_32BinaryVectors() {
        return Stream.of(
                Arguments.of("", 0, 0x00000000),
                Arguments.of("", 1, 0x514E28B7),
                Arguments.of("", 0xffffffff, 0x81F16F39),
                Arguments.of("", 0xFBA4C795, 0x6a396f08),
                Arguments.of("00", 0, 0x514e28b7),
                Arguments.of("00", 0xFBA4C795, 0xea3f0b17),
                Arguments.of("ffffffff", 0, 0x76293B50),
                Arguments.of("21436587", 0, 0xF55B516B),
                Arguments.of("21436587", 0x5082EDEE, 0x2362F9DE),
                Arguments.of("214365", 0, 0x7E4A8634),
                Arguments.of("2143", 0, 0xA0F7B07A),
                Arguments.of("21", 0, 0x72661CF4),
                Arguments.of("00000000", 0, 0x2362F9DE),
                Arguments.of("000000", 0, 0x85F0B427),
                Arguments.of("0000", 0, 0x30F4C306));
    }

    static Stream<Arguments> x86_32TextVectors() {
        return Stream.of(
                Arguments.of("test", 0, 0xBA6BD213),
                Arguments.of("test", 0x9747b28c, 0x704b81dc),
                Arguments.of("Hello, world!", 0, 0xC0363E43),
                Arguments.of("Hello, world!", 0x9747b28c, 0x24884CBA),
                Arguments.of("The quick brown fox jumps over the lazy dog", 0, 0x2E4FF723),
                Arguments.of("The quick brown fox jumps over the lazy dog", 0x9747b28c, 0x2FA826CD),
                Arguments.of("aaaa", 0x9747b28c, 0x5A97808A),
                Arguments.of("aaa", 0x9747b28c, 0x283E0130),
                Arguments.of("aa", 0x9747b28c, 0x5D211726),
                Arguments.of("a", 0x9747b28c, 0x7FA09EA6),
                Arguments.of("abcd", 0x9747b28c, 0xF0478627),
                Arguments.of("abc", 0x9747b28c, 0xC84A62DD),
                Arguments.of("ab", 0x9747b28c, 0x74875592),
                Arguments.of("ππππππππ", 0x9747b28c, 0xD58063C1),
                Arguments.of("a".repeat(256), 0x9747b28c, 0x37405BDC),
                Arguments.of("abc", 0, 0xB3DD93FA),
                Arguments.of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 0, 0xEE925B90));
    }

    static Stream<Arguments> x64_128Vectors() {
        return Stream.of(
                Arguments.of("hell", 0, 0x629942693e10f867L, 0x92db0b82baeb5347L),
                Arguments.of("hello", 1, 0xa78ddff5adae8d10L, 0x128900ef20900135L),
                Arguments.of("hello ", 2, 0x8a486b23f422e826L, 0xf962a2c58947765fL),
                Arguments.of("hello w", 3, 0x2ea59f466f6bed8cL, 0xc610990acc428a17L),
                Arguments.of("hello wo", 4, 0x79f6305a386c572cL, 0x46305aed3483b94eL),
                Arguments.of("hello wor", 5, 0xc2219d213ec1f1b5L, 0xa1d8e2e0a52785bdL),
                Arguments.of(
                        "The quick brown fox jumps over the lazy dog", 0, 0xe34bbc7bbc071b6cL, 0x7a433ca9c49a9347L),
                Arguments.of(
                        "The quick brown fox jumps over the lazy cog", 0, 0x658ca970ff85269aL, 0x43fee3eaa68e5c3eL));
    }

    @ParameterizedTest
    @MethodSource("x86_32BinaryVectors")
    void shouldMatchPublishedX86_32BinaryVectors(String hex, int seed, int expected) {
        // Given
        byte[] input = HexFormat.of().parseHex(hex);

        // When
        int hash = Murmur3.hash32x86(input, seed);

        // Then
        assertThat(hash).as("murmur3_x86_32(%s, 0x%08x)", hex, seed).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("x86_32TextVectors")
    void shouldMatchPublishedX86_32TextVectors(String text, int seed, int expected) {
        // Given
        byte[] input = text.getBytes(StandardCharsets.UTF_8);

        // When
        int hash = Murmur3.hash32x86(input, 0, input.length, seed);

        // Then
        assertThat(hash).as("murmur3_x86_32('%s', 0x%08x)", text, seed).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("x64_128Vectors")
    void shouldMatchPublishedX64_128Vectors(String text, int seed, long expectedH1, long expectedH2) {
        // Given
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        long[] out = new long[2];

        // When
        Murmur3.hash128x64(input, 0, input.length, seed, out);
        long h1Only = Murmur3.hash128x64H1(input, 0, input.length, seed);

        // Then
        assertThat(out).containsExactly(expectedH1, expectedH2);
        assertThat(h1Only).isEqualTo(expectedH1);
    }

    @Test
    void shouldReproduceSmhasherVerificationValueForX86_32() {
        // When
        int verification = smhasherVerification(4, (data, length, seed) -> {
            int h = Murmur3.hash32x86(data, 0, length, seed);
            return ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(h)
                    .array();
        });

        // Then
        assertThat(verification).isEqualTo(0xB0F57EE3);
    }

    @Test
    void shouldReproduceSmhasherVerificationValueForX64_128() {
        // When
        int verification = smhasherVerification(16, (data, length, seed) -> {
            long[] out = new long[2];
            Murmur3.hash128x64(data, 0, length, seed, out);
            return ByteBuffer.allocate(16)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(out[0])
                    .putLong(out[1])
                    .array();
        });

        // Then
        assertThat(verification).isEqualTo(0x6384BA69);
    }

    @Test
    void shouldHashOnlyTheGivenRange() {
        // Given a key embedded in a larger array, with noise on both sides
        byte[] key = "channel-42".getBytes(StandardCharsets.UTF_8);
        byte[] embedded = new byte[key.length + 7];
        Arrays.fill(embedded, (byte) 0xA5);
        System.arraycopy(key, 0, embedded, 3, key.length);

        // When / Then
        assertThat(Murmur3.hash32x86(embedded, 3, key.length, 7)).isEqualTo(Murmur3.hash32x86(key, 7));
        assertThat(Murmur3.hash128x64H1(embedded, 3, key.length, 7))
                .isEqualTo(Murmur3.hash128x64H1(key, 0, key.length, 7));
        assertThat(Murmur3.cassandraToken(embedded, 3, key.length))
                .isEqualTo(Murmur3.cassandraToken(key, 0, key.length));
    }

    @Test
    void shouldHashAKeyFollowedByALongAsTheirConcatenation() {
        for (int length = 0; length <= 19; length++) {
            // Given
            byte[] key = new byte[length];
            for (int i = 0; i < length; i++) {
                key[i] = (byte) (0xF0 - 13 * i);
            }
            long suffix = 0x0123456789ABCDEFL * (length + 1);
            byte[] concatenation =
                    ByteBuffer.allocate(length + 8).put(key).putLong(suffix).array();

            // When
            int hash = Murmur3.hash32x86WithLongSuffix(key, 0, length, suffix, -5);

            // Then
            assertThat(hash).as("length %d", length).isEqualTo(Murmur3.hash32x86(concatenation, -5));
        }
    }

    @Test
    void shouldHashALongAsItsBigEndianBytes() {
        // Given
        long value = 0x8928308280fffffL;
        byte[] bytes = ByteBuffer.allocate(8).putLong(value).array();

        // When / Then
        assertThat(Murmur3.hash32x86OfLong(value, 0)).isEqualTo(Murmur3.hash32x86(bytes, 0));
        assertThat(Murmur3.hash32x86OfLong(-1L, 99))
                .isEqualTo(Murmur3.hash32x86(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, 99));
    }

    @Test
    void shouldClearOnlyTheSignBitInToPositive() {
        assertThat(Murmur3.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Murmur3.toPositive(Integer.MIN_VALUE)).isZero();
        assertThat(Murmur3.toPositive(12345)).isEqualTo(12345);
    }

    @Test
    void shouldRejectAnOutputArrayTooSmall() {
        assertThatThrownBy(() -> Murmur3.hash128x64(new byte[1], 0, 1, 0, new long[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A hash under test: hashes {@code data[0, length)} with {@code seed}, returns its output bytes in C order. */
    interface HashBytes {
        byte[] hash(byte[] data, int length, int seed);
    }

    /**
     * SMHasher's VerificationTest: hash the keys {}, {0}, {0,1}, ..., {0..254} with seeds 256, 255, ..., 1; concatenate
     * the outputs; hash that with seed 0; the first four output bytes, little-endian, are the verification value.
     */
    private static int smhasherVerification(int hashBytes, HashBytes fn) {
        byte[] key = new byte[256];
        byte[] hashes = new byte[hashBytes * 256];
        for (int i = 0; i < 256; i++) {
            key[i] = (byte) i;
            byte[] h = fn.hash(key, i, 256 - i);
            System.arraycopy(h, 0, hashes, i * hashBytes, hashBytes);
        }
        byte[] fin = fn.hash(hashes, hashes.length, 0);
        return (fin[0] & 0xff) | (fin[1] & 0xff) << 8 | (fin[2] & 0xff) << 16 | (fin[3] & 0xff) << 24;
    }
}
