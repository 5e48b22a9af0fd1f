package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.load.LoadSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddPartitionsRuleTest {

    private final AddPartitionsRule rule = new AddPartitionsRule();

    /**
     * 8 partitions of 1,000 events of small keys each (100 keys), plus two named keys of 150 events that {@code
     * strategy} puts on the same partition at 8 partitions and on different ones at 9: that partition is at 1.25x.
     */
    private static LoadSnapshot twoKeysThatCollideAtEightOnly(String strategy) {
        String[] pair = collidingPair(strategy);
        int p = LoadFixtures.partitionOf(strategy, 8, pair[0]);
        LoadFixtures.Builder b = LoadFixtures.builder(strategy, 8);
        for (int q = 0; q < 8; q++) {
            b.events(q, 1_000).distinct(q, 100);
        }
        return b.events(p, 1_300)
                .distinct(p, 102)
                .key(p, pair[0], 150)
                .key(p, pair[1], 150)
                .build();
    }

    private static String[] collidingPair(String strategy) {
        for (int i = 0; i < 200; i++) {
            for (int j = i + 1; j < 200; j++) {
                String a = "c-" + i;
                String b = "c-" + j;
                if (LoadFixtures.partitionOf(strategy, 8, a) == LoadFixtures.partitionOf(strategy, 8, b)
                        && LoadFixtures.partitionOf(strategy, 9, a) != LoadFixtures.partitionOf(strategy, 9, b)) {
                    return new String[] {a, b};
                }
            }
        }
        throw new AssertionError("no pair");
    }

    @Test
    void shouldAddOnePartitionToSeparateCollidingKeysAndShowWhatModNMoves() {
        // Given two keys sharing a partition under murmur3-channel (mod N)
        LoadSnapshot snapshot = twoKeysThatCollideAtEightOnly("murmur3-channel");

        // When
        List<Recommendation> advice = rule.propose(AdviceInput.of(snapshot, null));

        // Then N -> 9: the residual of 8,000 spreads over 9 (889 each), the keys apart: (889 + 150) / 922 = 1.13x
        Recommendation r = advice.get(0);
        assertThat(r.actions()).containsExactly(Action.addPartitions(9));
        assertThat(r.beforeMaxToMean()).isCloseTo(1_300 / 1_037.5, within(1e-9));
        assertThat(r.afterMaxToMean()).isCloseTo((8_000 / 9.0 + 150) / (8_300 / 9.0), within(0.002));
        // mod N keeps a key only when h mod 8 == h mod 9: 1 in 9 of the small keys
        assertThat(r.movedKeyFraction()).isCloseTo(8.0 / 9, within(0.01));
        assertThat(r.rationale()).contains("the same growth would move 89% of keys under mod-N (kafka-default)");
        assertThat(r.rationale()).containsPattern("(10|11|12)% under jump");
    }

    @Test
    void shouldMoveOnlyWhatTheNewPartitionTakesUnderJump() {
        // Given the same situation under jump
        LoadSnapshot snapshot = twoKeysThatCollideAtEightOnly("jump");

        // When
        Recommendation r = rule.propose(AdviceInput.of(snapshot, null)).get(0);

        // Then 1/9 of the small keys move (all to partition 8), and one of the two named keys
        assertThat(r.actions()).containsExactly(Action.addPartitions(9));
        assertThat(r.movedKeyFraction()).isCloseTo((800.0 / 9 + 1) / 802, within(1e-6));
        assertThat(r.afterMaxToMean()).isLessThanOrEqualTo(1.2);
    }

    @Test
    void shouldNotAddPartitionsForADominantKey() {
        // Given the hot channel: more partitions only lower the mean it is compared with
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12);

        // Then
        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }

    @Test
    void shouldNotAddPartitionsToTimeOrRangeStrategies() {
        assertThat(rule.propose(AdviceInput.of(LoadFixtures.sequentialTime(12, 60_000, 50_000), Map.of())))
                .isEmpty();
        assertThat(rule.propose(AdviceInput.of(LoadFixtures.skewed("range", 1_000, 3_000, 1_000), null)))
                .isEmpty();
    }
}
