package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.load.LoadSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scenarios, on the whole advisor. */
class AdvisorTest {

    private final Advisor advisor = new Advisor();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "observed",
                "kafka-default",
                "murmur3-channel",
                "time-bucket",
                "channel-bucket",
                "consistent-hash",
                "jump",
                "range",
                "directory",
                "geo"
            })
    void shouldRecommendNothingForUniformTraffic(String strategy) {
        // Given every partition equally loaded, over nodes that each lead two partitions
        AdviceInput input = AdviceInput.of(LoadFixtures.uniform(strategy, 12, 10_000), Map.of())
                .withNodes(NodeModel.roundRobin(12, 6));

        // Then
        assertThat(advisor.advise(input)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"murmur3-channel", "observed", "kafka-default", "jump", "consistent-hash"})
    void shouldSaltOrIsolateAChannelWithFortyPercentOfTraffic(String strategy) {
        // Given one channel with 40% of all traffic
        AdviceInput input = AdviceInput.of(LoadFixtures.hotChannelAt40Percent(strategy, 12), Map.of());

        // When
        List<Recommendation> advice = advisor.advise(input);

        // Then a SALT_KEY or ISOLATE_KEY for that channel, predicted under the 1.2x target
        assertThat(advice)
                .filteredOn(r -> r.kind() == RecommendationKind.SALT_KEY || r.kind() == RecommendationKind.ISOLATE_KEY)
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.actions().get(0).key()).isEqualTo("c-42");
                    assertThat(r.afterMaxToMean()).isLessThan(1.2 + 1e-9);
                });
        // and nothing that cannot spread one key (other strategies, more partitions, more vnodes)
        assertThat(advice)
                .extracting(Recommendation::kind)
                .doesNotContain(
                        RecommendationKind.CHANGE_STRATEGY,
                        RecommendationKind.ADD_PARTITIONS,
                        RecommendationKind.ADJUST_VNODES);
    }

    @Test
    void shouldSplitOrChangeTimeBucketsUnderSequentialTime() {
        // Given ever-increasing keys at the current time under time-bucket
        AdviceInput input = AdviceInput.of(LoadFixtures.sequentialTime(12, 60_000, 50_000), Map.of());

        // When
        List<Recommendation> advice = advisor.advise(input);

        // Then a split cannot help (the whole window is in one half-bucket), a change of strategy does
        assertThat(advice).extracting(Recommendation::kind).containsExactly(RecommendationKind.CHANGE_STRATEGY);
        assertThat(advice.get(0).afterMaxToMean()).isLessThan(1.2);
    }

    @Test
    void shouldMoveTwoHotPartitionsOffOneNodeWithTheFewestMoves() {
        // Given 6 nodes, two hot partitions on node-2
        NodeFixtures.Cluster cluster = NodeFixtures.sixNodesTwoHotPartitionsOnOne();

        // When
        List<Recommendation> advice = advisor.advise(cluster.input());

        // Then the first recommendation moves partitions, as few as brute force says are needed
        Recommendation move = advice.get(0);
        assertThat(move.kind()).isEqualTo(RecommendationKind.MOVE_PARTITIONS);
        assertThat(move.afterMaxToMean()).isLessThanOrEqualTo(1.2);
        assertThat(move.actions())
                .hasSize(BruteForceMoves.fewestMovesUpTo(
                        cluster.partitionLoads(), cluster.nodeIndexOfPartition(), 6, 1.2 * 16_000 / 6, 4));
    }

    @Test
    void shouldGiveTheSameRecommendationsForTheSameInput() {
        // Given two equal but separately built inputs
        AdviceInput first = AdviceInput.of(LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12), Map.of())
                .withNodes(NodeModel.roundRobin(12, 6))
                .withTriggerAlertId("alert-1");
        AdviceInput second = AdviceInput.of(LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12), Map.of())
                .withNodes(NodeModel.roundRobin(12, 6))
                .withTriggerAlertId("alert-1");

        // When
        List<Recommendation> a = advisor.advise(first);
        List<Recommendation> b = advisor.advise(second);

        // Then identical, ids included, and the trigger is carried
        assertThat(a).isNotEmpty().isEqualTo(b);
        assertThat(a).allSatisfy(r -> assertThat(r.triggerAlertId()).isEqualTo("alert-1"));
        assertThat(a).extracting(Recommendation::id).doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveTheSamePlanForAnotherWindowAnotherId() {
        // Given the same loads one window later
        LoadSnapshot now = LoadFixtures.hotChannelAt40Percent("murmur3-channel", 12);
        LoadSnapshot later = new LoadSnapshot(
                now.strategy(),
                now.windowStartMs() + 5_000,
                now.windowEndMs() + 5_000,
                now.numPartitions(),
                now.totalEvents(),
                now.totalBytes(),
                now.meanEvents(),
                now.maxToMean(),
                now.coefficientOfVariation(),
                now.partitions());

        // When
        Recommendation a = advisor.advise(AdviceInput.of(now, Map.of())).get(0);
        Recommendation b = advisor.advise(AdviceInput.of(later, Map.of())).get(0);

        // Then
        assertThat(b.actions()).isEqualTo(a.actions());
        assertThat(b.id()).isNotEqualTo(a.id());
    }

    @Test
    void shouldReportKindsInTheirFixedOrder() {
        // Given rules handed over in reverse order
        List<RecommendationRule> reversed = new java.util.ArrayList<>(Advisor.defaultRules());
        java.util.Collections.reverse(reversed);
        AdviceInput input = NodeFixtures.sixNodesTwoHotPartitionsOnOne().input();

        // When
        List<Recommendation> advice = new Advisor(reversed).advise(input);

        // Then
        assertThat(advice).extracting(Recommendation::kind).isSorted().hasSizeGreaterThan(1);
        assertThat(advice).isEqualTo(advisor.advise(input));
    }

    @Test
    void shouldAdviseNothingOnAnEmptyWindow() {
        assertThat(advisor.advise(AdviceInput.of(LoadFixtures.uniform("jump", 12, 0), Map.of())))
                .isEmpty();
    }
}
