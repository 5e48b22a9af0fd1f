package io.partitionanalytics.partitioners.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangeStrategyTest {

    private static final RangeStrategy ALPHABET = new RangeStrategy(4, List.of(utf8("g"), utf8("n"), utf8("t")));

    @Test
    void shouldStartEachPartitionExactlyAtItsBoundary() {
        assertThat(partition(ALPHABET, "g")).isEqualTo(1);
        assertThat(partition(ALPHABET, "n")).isEqualTo(2);
        assertThat(partition(ALPHABET, "t")).isEqualTo(3);
    }

    @Test
    void shouldPlaceKeysJustBelowABoundaryInThePreviousPartition() {
        assertThat(partition(ALPHABET, "fzzzz")).isEqualTo(0);
        assertThat(partition(ALPHABET, "f\u00ff")).isEqualTo(0);
        assertThat(partition(ALPHABET, "m~")).isEqualTo(1);
        assertThat(partition(ALPHABET, "s")).isEqualTo(2);
    }

    @Test
    void shouldSortProperPrefixesFirstAndCompareBytesUnsigned() {
        assertThat(partition(ALPHABET, "")).isEqualTo(0);
        assertThat(partition(ALPHABET, "g\u0000")).isEqualTo(1);
        // 0xC3 0xBC ("ü" in UTF-8) is above every ASCII byte when compared unsigned
        assertThat(partition(ALPHABET, "ü")).isEqualTo(3);
        assertThat(ALPHABET.partition(new byte[] {(byte) 0x80}, 0L, Double.NaN, Double.NaN))
                .isEqualTo(3);
    }

    @Test
    void shouldAgreeWithALinearScanOnRandomKeys() {
        // Given sorted random boundaries
        List<byte[]> bounds = new ArrayList<>(TestKeys.randomBytes(8, 40, 6));
        bounds.removeIf(b -> b.length == 0);
        bounds.sort(Arrays::compareUnsigned);
        for (int i = bounds.size() - 1; i > 0; i--) {
            if (Arrays.equals(bounds.get(i), bounds.get(i - 1))) {
                bounds.remove(i);
            }
        }
        RangeStrategy strategy = new RangeStrategy(bounds.size() + 1, bounds);

        for (byte[] key : TestKeys.randomBytes(9, 50_000, 8)) {
            // When / Then: the number of boundaries <= key
            long expected = bounds.stream()
                    .filter(b -> Arrays.compareUnsigned(b, key) <= 0)
                    .count();
            assertThat(strategy.partition(key, 0L, Double.NaN, Double.NaN)).isEqualTo((int) expected);
        }
    }

    @Test
    void shouldSpaceDefaultBoundariesEvenlyOverTheFirstTwoBytes() {
        // Given
        RangeStrategy strategy = RangeStrategy.evenlySpaced(4);

        // When / Then
        assertThat(strategy.boundaries())
                .containsExactly(new byte[] {0x40, 0}, new byte[] {(byte) 0x80, 0}, new byte[] {(byte) 0xC0, 0});
        assertThat(strategy.partition(new byte[] {0x3F, (byte) 0xFF, 1}, 0L, Double.NaN, Double.NaN))
                .isEqualTo(0);
        assertThat(strategy.partition(new byte[] {0x40, 0}, 0L, Double.NaN, Double.NaN))
                .isEqualTo(1);
        assertThat(RangeStrategy.evenlySpaced(1).boundaries()).isEmpty();
    }

    @Test
    void shouldRejectUnsortedDuplicateEmptyOrMiscountedBoundaries() {
        assertThatThrownBy(() -> new RangeStrategy(3, List.of(utf8("m"), utf8("c"))))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'range'")
                .hasMessageContaining("'boundaries'")
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new RangeStrategy(3, List.of(utf8("m"), utf8("m"))))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("repeats");
        assertThatThrownBy(() -> new RangeStrategy(2, List.of(new byte[0])))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new RangeStrategy(5, List.of(utf8("m"))))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("exactly 4 boundaries, got 1");
    }

    private static int partition(RangeStrategy strategy, String key) {
        return strategy.partition(utf8(key), 0L, Double.NaN, Double.NaN);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
