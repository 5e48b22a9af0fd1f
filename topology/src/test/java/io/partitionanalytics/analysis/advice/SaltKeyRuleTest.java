package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaltKeyRuleTest {

    private final SaltKeyRule rule = new SaltKeyRule();

    @Test
    void shouldSaltTheHotChannelUnderTheTarget() {
        // Given one channel with 40% of all traffic under murmur3-channel over 12 partitions
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12);
        int hot = LoadFixtures.partitionOf("murmur3-channel", 12, "c-42");

        // When
        List<Recommendation> advice = rule.propose(AdviceInput.of(snapshot, null));

        // Then salting c-42 is proposed with a predicted peak under the 1.2x target
        assertThat(advice).hasSize(1);
        Recommendation r = advice.get(0);
        assertThat(r.kind()).isEqualTo(RecommendationKind.SALT_KEY);
        assertThat(r.beforeMaxToMean()).isCloseTo(54_000 / 10_000.0, within(1e-9));
        assertThat(r.afterMaxToMean()).isLessThanOrEqualTo(1.2);
        Action salt = r.actions().get(0);
        assertThat(salt.action()).isEqualTo(Action.SALT_KEY);
        assertThat(salt.key()).isEqualTo("c-42");
        assertThat(salt.partition()).isEqualTo(hot);
        int k = Integer.parseInt(salt.value());

        // and the prediction is what hashing the k sub-keys really gives (computed here independently)
        PartitionStrategy murmur = Strategies.create("murmur3-channel", 12);
        long[] expected = new long[12];
        java.util.Arrays.fill(expected, 6_000);
        for (int i = 0; i < k; i++) {
            expected[LoadFixtures.partitionOf(murmur, "c-42#" + i)] += 48_000 / k;
        }
        assertThat(r.afterMaxToMean()).isCloseTo(LoadStatistics.of(expected).peakToMean(), within(0.001 * k));
        assertThat(r.rationale())
                .startsWith("salt key \"c-42\" (89% of partition " + hot + ", at least 88%) into " + k
                        + " sub-keys \"c-42#0\"..\"c-42#" + (k - 1) + "\"");
    }

    @Test
    void shouldChooseTheSmallestSaltFactorThatMeetsTheTarget() {
        // Given the hot channel and the factor the rule picks
        AdviceInput input = AdviceInput.of(LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12), null);
        int k = Integer.parseInt(rule.propose(input).get(0).actions().get(0).value());

        // When at most k - 1 sub-keys are allowed
        List<Recommendation> capped =
                rule.propose(input.withSettings(AdvisorSettings.DEFAULTS.withMaxSaltFactor(k - 1)));

        // Then no smaller factor meets the target: what remains (if anything) is a partial plan above it
        assertThat(k).isGreaterThan(2);
        assertThat(capped).allSatisfy(r -> {
            assertThat(r.afterMaxToMean()).isGreaterThan(1.2);
            assertThat(r.rationale()).contains("out of reach");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-default", "jump", "consistent-hash", "observed", "channel-bucket"})
    void shouldSaltUnderEveryKeyHashingStrategy(String strategy) {
        // Given the hot channel placed by the strategy (observed: as kafka-default would)
        LoadSnapshot snapshot = LoadFixtures.hotChannelAt40Percent(strategy, 12);

        // When
        List<Recommendation> advice = rule.propose(AdviceInput.of(snapshot, null));

        // Then
        assertThat(advice).singleElement().satisfies(r -> {
            assertThat(r.afterMaxToMean()).isLessThanOrEqualTo(1.2);
            assertThat(r.movedKeyFraction()).isGreaterThan(0).isLessThan(0.01);
        });
    }

    @Test
    void shouldCountOnlyTheSubKeysThatLeaveAsMoved() {
        // Given the salted hot channel
        Recommendation r = rule.propose(AdviceInput.of(LoadFixtures.hotChannelAt40Percent("jump", 12), null))
                .get(0);
        int k = Integer.parseInt(r.actions().get(0).value());
        int hot = LoadFixtures.partitionOf("jump", 12, "c-42");
        long staying = java.util.stream.IntStream.range(0, k)
                .filter(i -> LoadFixtures.partitionOf("jump", 12, "c-42#" + i) == hot)
                .count();

        // Then the events moved are the key's events on sub-keys placed elsewhere, per second of the 5 s window
        assertThat(r.movedEventsPerSec()).isCloseTo(48_000.0 * (k - staying) / k / 5, within(1e-6));
    }

    @Test
    void shouldNotSaltAKeyThatIsNotSurelyMoreThanHalfOfItsPartition() {
        // Given a key estimated at 52% of its partition whose lower bound is only 48%
        LoadSnapshot snapshot = LoadFixtures.builder("murmur3-channel", 4)
                .events(0, 1_000)
                .events(1, 1_000)
                .events(2, 1_000)
                .events(3, 10_000)
                .distinct(3, 500)
                .key(3, "k", 5_200, 4_800, 5_600)
                .build();

        // Then no claim can be made that splitting cannot help
        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"time-bucket", "range"})
    void shouldNotSaltWhereSubKeysWouldNotSpread(String strategy) {
        // Given a dominant key under a strategy where key#i lands with key (time decides; or key order does)
        LoadSnapshot snapshot = LoadFixtures.builder(strategy, 4)
                .events(0, 1_000)
                .events(1, 9_000)
                .key(1, "k", 8_000)
                .build();

        // Then
        assertThat(rule.propose(AdviceInput.of(snapshot, null))).isEmpty();
    }

    @Test
    void shouldProposeNothingForAnEvenLoad() {
        assertThat(rule.propose(AdviceInput.of(LoadFixtures.uniform("murmur3-channel", 12, 10_000), null)))
                .isEmpty();
    }
}
