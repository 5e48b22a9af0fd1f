package io.partitionanalytics.partitioners.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.TestKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cassandra Murmur3Partitioner tokens. Vectors: the DataStax drivers' murmur3 token tests (Python, Ruby: they must match
 * real clusters to route requests) and int partition keys as seen in cqlsh / Cassandra's dtests ({@code token(1)} and
 * friends, keys serialised as 4 big-endian bytes).
 */
class CassandraTokenTest {

    static Stream<Arguments> driverVectors() {
        return Stream.of(
                Arguments.of(ascii("123"), -7468325962851647638L),
                Arguments.of(repeat(bytes(0x00, 0xff, 0x10, 0xfa, 0x99), 10), 5837342703291459765L),
                Arguments.of(repeat(bytes(0xfe), 8), -8927430733708461935L),
                Arguments.of(repeat(bytes(0x10), 8), 1446172840243228796L),
                Arguments.of(ascii("9223372036854775807"), 7162290910810015547L),
                Arguments.of(bytes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16), -5563837382979743776L),
                Arguments.of(bytes(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), -1513403162740402161L),
                Arguments.of(bytes(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18), -495360443712684655L),
                Arguments.of(bytes(4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19), 1734091135765407943L),
                Arguments.of(bytes(5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), -3199412112042527988L),
                Arguments.of(bytes(6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21), -6316563938475080831L),
                Arguments.of(bytes(7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22), 8228893370679682632L),
                Arguments.of(repeat(bytes(0x00), 16), 5457549051747178710L),
                Arguments.of(repeat(bytes(0xff), 16), -2824192546314762522L),
                Arguments.of(repeat(bytes(0xfe), 16), -833317529301936754L),
                Arguments.of(
                        bytes(0, 1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
                        6463632673159404390L),
                Arguments.of(repeat(bytes(0xfe), 17), -1672437813826982685L),
                Arguments.of(repeat(bytes(0xfe), 4), 4566408979886474012L),
                Arguments.of(bytes(0, 0, 0, 0), -3485513579396041028L),
                Arguments.of(bytes(0, 1, 0x7f, 0x7f), 6573459401642635627L),
                Arguments.of(bytes(0, 0xff, 0xff, 0xff), 123573637386978882L),
                Arguments.of(bytes(0xff, 1, 2, 3), -2839127690952877842L),
                Arguments.of(bytes(0xe2, 0xe7), -8582699461035929883L),
                Arguments.of(bytes(0xe2, 0xe7, 0xe2, 0xe7, 0xe2, 0xe7, 0x01), 2222373981930033306L));
    }

    static Stream<Arguments> intKeyVectors() {
        return Stream.of(
                Arguments.of(1, -4069959284402364209L),
                Arguments.of(2, -3248873570005575792L),
                Arguments.of(3, 9010454139840013625L),
                Arguments.of(4, -2729420104000364805L),
                Arguments.of(5, -7509452495886106294L),
                Arguments.of(10, -6715243485458697746L),
                Arguments.of(16, -5477287129830487822L));
    }

    @ParameterizedTest
    @MethodSource("driverVectors")
    void shouldMatchTheDriversTokens(byte[] key, long expectedToken) {
        assertThat(Murmur3.cassandraToken(key, 0, key.length)).isEqualTo(expectedToken);
    }

    @ParameterizedTest
    @MethodSource("intKeyVectors")
    void shouldMatchCqlTokensOfIntKeys(int key, long expectedToken) {
        // Given an int partition key, serialised by Cassandra as 4 big-endian bytes
        byte[] bytes = ByteBuffer.allocate(4).putInt(key).array();

        // When / Then
        assertThat(Murmur3.cassandraToken(bytes, 0, 4)).isEqualTo(expectedToken);
    }

    @Test
    void shouldDifferFromTheReferenceHashWhereTheQuirkApplies() {
        // Given keys whose tails hold bytes >= 0x80 (sign-extended by Cassandra) and keys that do not
        byte[] quirky = bytes(0xe2, 0xe7);
        byte[] highByteOnlyInWholeBlock = repeat(bytes(0xff), 16);

        // When / Then: the quirk shows in the tail only
        assertThat(Murmur3.cassandraToken(quirky, 0, 2)).isNotEqualTo(Murmur3.hash128x64H1(quirky, 0, 2, 0));
        assertThat(Murmur3.cassandraToken(highByteOnlyInWholeBlock, 0, 16))
                .isEqualTo(Murmur3.hash128x64H1(highByteOnlyInWholeBlock, 0, 16, 0));
    }

    @Test
    void shouldEqualTheReferenceHashWhenNoTailByteHasItsHighBitSet() {
        for (byte[] key : TestKeys.randomBytes(17, 20_000, 40)) {
            // Given a key whose tail bytes are all below 0x80 (whole blocks may hold anything)
            int tailStart = key.length & ~15;
            for (int i = tailStart; i < key.length; i++) {
                key[i] &= 0x7f;
            }
            if (key.length == 0) {
                continue; // the empty key is the minimum token by definition, not a hash
            }

            // When / Then
            assertThat(Murmur3.cassandraToken(key, 0, key.length))
                    .isEqualTo(normalised(Murmur3.hash128x64H1(key, 0, key.length, 0)));
        }
    }

    @Test
    void shouldGiveTheEmptyKeyTheMinimumToken() {
        assertThat(Murmur3.cassandraToken(new byte[0], 0, 0)).isEqualTo(Long.MIN_VALUE);
    }

    private static long normalised(long h1) {
        return h1 == Long.MIN_VALUE ? Long.MAX_VALUE : h1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] repeat(byte[] pattern, int times) {
        byte[] out = new byte[pattern.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(pattern, 0, out, i * pattern.length, pattern.length);
        }
        return out;
    }
}
