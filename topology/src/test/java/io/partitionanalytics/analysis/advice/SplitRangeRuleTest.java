package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.load.LoadSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitRangeRuleTest {

    private static final Map<String, String> BOUNDARIES = Map.of("boundaries", "g,n,t");

    private final SplitRangeRule rule = new SplitRangeRule();

    @Test
    void shouldSplitAHotRangeAtItsLoadWeightedMedianKey() {
        // Given ranges [-g) [g-n) [n-t) [t-): the second holds h 3,000, i 1,000, k 2,000, m 2,000 (exact, no residual)
        LoadSnapshot snapshot = LoadFixtures.builder("range", 4)
                .events(0, 1_000)
                .events(1, 8_000)
                .key(1, "h", 3_000)
                .key(1, "i", 1_000)
                .key(1, "k", 2_000)
                .key(1, "m", 2_000)
                .events(2, 1_000)
                .events(3, 1_000)
                .build();

        // When
        List<Recommendation> advice = rule.propose(AdviceInput.of(snapshot, BOUNDARIES));

        // Then it splits at k (4,000 on each side: exactly half); the new boundary makes 5 ranges
        // 1,000 / 4,000 / 4,000 / 1,000 / 1,000: 2.91x -> 1.82x, a first step as CockroachDB would take it
        Recommendation r = advice.get(0);
        assertThat(r.actions()).containsExactly(Action.splitAt(1, "k"));
        assertThat(r.beforeMaxToMean()).isCloseTo(8_000 / 2_750.0, within(1e-9));
        assertThat(r.afterMaxToMean()).isCloseTo(4_000 / 2_200.0, within(1e-9));
        // k and m go to the new partition 2, and the old partitions 2 and 3 are renumbered 3 and 4
        assertThat(r.movedEventsPerSec()).isCloseTo((4_000 + 2_000) / 5.0, within(1e-9));
        assertThat(r.rationale())
                .contains("split partition 1 at key \"k\"")
                .contains("partitions 2..3 are renumbered 3..4")
                .contains("50% / 50%");
    }

    @Test
    void shouldNotSplitWhenOneKeyOutweighsEverySplit() {
        // Given a range whose load is one key: any split leaves one side with at least 87.5%
        LoadSnapshot snapshot = LoadFixtures.builder("range", 4)
                .events(0, 1_000)
                .events(1, 8_000)
                .key(1, "h", 7_000)
                .key(1, "k", 1_000)
                .build();

        // Then CockroachDB's rule rejects it (each side must be within 25% of half)
        assertThat(rule.propose(AdviceInput.of(snapshot, BOUNDARIES))).isEmpty();
    }

    @Test
    void shouldNotProposeAnUnevenSplitEvenWhenItWouldHelp() {
        // Given 12 ranges; [g-h) holds g1 2,800, g2 2,600, g3 2,600, the others 1,000 each
        LoadFixtures.Builder b = LoadFixtures.builder("range", 12);
        for (int p = 0; p < 12; p++) {
            b.events(p, 1_000);
        }
        LoadSnapshot snapshot = b.events(6, 8_000)
                .key(6, "g1", 2_800)
                .key(6, "g2", 2_600)
                .key(6, "g3", 2_600)
                .build();

        // When the closest split to the median, at g2, leaves 35% / 65%
        List<Recommendation> advice =
                rule.propose(AdviceInput.of(snapshot, Map.of("boundaries", "b,c,d,e,f,g,h,i,j,k,l")));

        // Then it is not proposed, though it would lower the peak by 30% (5.05x -> 3.56x): each side must be within
        // 25% of half, [37.5%, 62.5%]
        assertThat(advice).isEmpty();
        AdvisorSettings looser = AdvisorSettings.DEFAULTS.withSplitTolerance(0.35);
        assertThat(rule.propose(AdviceInput.of(snapshot, Map.of("boundaries", "b,c,d,e,f,g,h,i,j,k,l"))
                        .withSettings(looser)))
                .singleElement()
                .satisfies(r -> assertThat(r.actions()).containsExactly(Action.splitAt(6, "g2")));
    }

    @Test
    void shouldSplitTimeBucketsWhenTheWindowSpansSeveral() {
        // Given 1 s buckets over 12 partitions: the 5 s window's traffic lies on 5 partitions, 10,000 events each
        LoadFixtures.Builder b = LoadFixtures.builder("time-bucket", 12);
        for (int i = 0; i < 5; i++) {
            int p = (int) Math.floorMod(LoadFixtures.WINDOW_START / 1_000 + i, 12L);
            b.events(p, 10_000).distinct(p, 10_000);
        }
        AdviceInput input = AdviceInput.of(b.build(), Map.of("bucket.ms", "1000"));

        // When
        List<Recommendation> advice = rule.propose(input);

        // Then halving the buckets spreads each bucket's load over two partitions: 10 of 12 with 5,000 each, 1.2x
        Recommendation r = advice.get(0);
        assertThat(r.actions().get(0).value()).isEqualTo("bucket.ms=500");
        assertThat(r.beforeMaxToMean()).isCloseTo(2.4, within(1e-9));
        assertThat(r.afterMaxToMean()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void shouldNotSplitTheCurrentBucketOfSequentialTraffic() {
        // Given ever-increasing keys at the current time: the whole window in one half of one 60 s bucket
        LoadSnapshot snapshot = LoadFixtures.sequentialTime(12, 60_000, 50_000);

        // Then a split at the bucket's middle leaves all the window's load on one side
        assertThat(rule.propose(AdviceInput.of(snapshot, Map.of()))).isEmpty();
    }

    @Test
    void shouldIgnoreOtherStrategies() {
        LoadSnapshot snapshot = LoadFixtures.skewed("murmur3-channel", 1_000, 8_000, 1_000, 1_000);

        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }
}
