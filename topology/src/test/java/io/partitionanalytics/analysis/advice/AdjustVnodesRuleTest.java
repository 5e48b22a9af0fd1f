package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdjustVnodesRuleTest {

    private final AdjustVnodesRule rule = new AdjustVnodesRule();

    /** Many small keys under a ring of 12 partitions x {@code vnodes}: each partition's load is its ownership. */
    private static LoadSnapshot smallKeysOnRing(int vnodes, long total) {
        double[] ownership = ConsistentHashRing.ofNodes(12, vnodes, 0).ownership();
        long[] events = new long[12];
        for (int p = 0; p < 12; p++) {
            events[p] = Math.round(ownership[p] * total);
        }
        return LoadFixtures.skewed("consistent-hash", events);
    }

    @Test
    void shouldEstimateVnodesFromTheSquareRootLaw() {
        // 2 ln 12 / 0.2^2 = 124.2
        assertThat(AdjustVnodesRule.estimateVnodes(12, 1.2)).isEqualTo(125);
        assertThat(AdjustVnodesRule.estimateVnodes(100, 1.1)).isEqualTo(922);
    }

    @Test
    void shouldRaiseTheVnodesOfAnUnevenRing() {
        // Given 4 vnodes per partition: ownership, and so load, varies by about 50%
        LoadSnapshot snapshot = smallKeysOnRing(4, 1_200_000);
        AdviceInput input = AdviceInput.of(snapshot, Map.of("vnodes", "4"));

        // When
        Recommendation r = rule.propose(input).get(0);

        // Then at least the estimate of 125 vnodes...
        int vnodes = Integer.parseInt(r.actions().get(0).value());
        assertThat(r.actions().get(0).action()).isEqualTo(Action.SET_VNODES);
        assertThat(vnodes).isGreaterThanOrEqualTo(125);
        assertThat(r.beforeMaxToMean()).isGreaterThan(1.2);
        // ...and the predicted peak is the new ring's own largest ownership, arc by arc
        double[] after = ConsistentHashRing.ofNodes(12, vnodes, 0).ownership();
        assertThat(r.afterMaxToMean())
                .isLessThanOrEqualTo(1.2)
                .isCloseTo(Arrays.stream(after).max().getAsDouble() * 12, within(0.001));
        assertThat(r.rationale()).startsWith("set vnodes 4 → " + vnodes + " per partition");
    }

    @Test
    void shouldOnlyAdviseConsistentHash() {
        LoadSnapshot snapshot = LoadFixtures.skewed("jump", 3_000, 1_000, 1_000);

        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }

    @Test
    void shouldStaySilentWhenTheSkewIsAKeyNotTheRing() {
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent("consistent-hash", 12);

        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }
}
