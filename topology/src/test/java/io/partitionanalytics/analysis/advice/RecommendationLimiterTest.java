package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationLimiterTest {

    private static Recommendation recommendation(String strategy, RecommendationKind kind, Action... actions) {
        List<Action> plan = List.of(actions);
        return new Recommendation(
                Recommendation.idOf(strategy, kind, 0, plan),
                kind,
                strategy,
                null,
                0,
                plan,
                2.0,
                1.1,
                0.5,
                0.1,
                0.01,
                10,
                1_000,
                "why",
                null);
    }

    private final RecommendationLimiter limiter = new RecommendationLimiter();

    @Test
    void shouldLetTheSamePlanThroughOncePerMinute() {
        Recommendation salt = recommendation("jump", RecommendationKind.SALT_KEY, Action.saltKey("c-42", 3, 24));

        assertThat(limiter.admit(salt, 1_000)).isTrue();
        assertThat(limiter.admit(salt, 6_000)).isFalse();
        assertThat(limiter.admit(salt, 60_999)).isFalse();
        assertThat(limiter.admit(salt, 61_000)).isTrue();
        // the minute restarts from the last emission
        assertThat(limiter.admit(salt, 100_000)).isFalse();
    }

    @Test
    void shouldTreatASmallChangeOfAParameterAsTheSamePlan() {
        limiter.admit(recommendation("jump", RecommendationKind.SALT_KEY, Action.saltKey("c-42", 3, 24)), 0);

        // 24 -> 28 sub-keys: 14%
        assertThat(limiter.admit(
                        recommendation("jump", RecommendationKind.SALT_KEY, Action.saltKey("c-42", 3, 28)), 5_000))
                .isFalse();
        // 24 -> 48 sub-keys: 50%
        assertThat(limiter.admit(
                        recommendation("jump", RecommendationKind.SALT_KEY, Action.saltKey("c-42", 3, 48)), 10_000))
                .isTrue();
    }

    @Test
    void shouldLetAMateriallyDifferentPlanThroughAtOnce() {
        limiter.admit(
                recommendation("observed", RecommendationKind.MOVE_PARTITIONS, Action.movePartition(7, "2", "5")), 0);

        // another destination
        assertThat(limiter.admit(
                        recommendation(
                                "observed", RecommendationKind.MOVE_PARTITIONS, Action.movePartition(7, "2", "4")),
                        1_000))
                .isTrue();
        // another key
        assertThat(limiter.admit(
                        recommendation("observed", RecommendationKind.SALT_KEY, Action.saltKey("c-1", 0, 8)), 1_000))
                .isTrue();
        assertThat(limiter.admit(
                        recommendation("observed", RecommendationKind.SALT_KEY, Action.saltKey("c-2", 0, 8)), 2_000))
                .isTrue();
        // a strategy name is not a number: any change is material
        assertThat(limiter.admit(
                        recommendation("observed", RecommendationKind.CHANGE_STRATEGY, Action.switchStrategy("jump")),
                        2_000))
                .isTrue();
        assertThat(limiter.admit(
                        recommendation(
                                "observed",
                                RecommendationKind.CHANGE_STRATEGY,
                                Action.switchStrategy("consistent-hash")),
                        3_000))
                .isTrue();
    }

    @Test
    void shouldNotCareAboutTheOrderOfActions() {
        Action a = Action.movePartition(1, "n0", "n1");
        Action b = Action.movePartition(2, "n0", "n2");

        assertThat(RecommendationLimiter.materiallyDifferent(List.of(a, b), List.of(b, a), 0.25))
                .isFalse();
        assertThat(RecommendationLimiter.materiallyDifferent(List.of(a, b), List.of(a), 0.25))
                .isTrue();
    }

    @Test
    void shouldLimitEachStrategyAndKindSeparately() {
        Action add = Action.addPartitions(13);
        limiter.admit(recommendation("jump", RecommendationKind.ADD_PARTITIONS, add), 0);

        assertThat(limiter.admit(recommendation("kafka-default", RecommendationKind.ADD_PARTITIONS, add), 1))
                .isTrue();
        assertThat(limiter.admit(recommendation("jump", RecommendationKind.CHANGE_STRATEGY, add), 1))
                .isTrue();
    }

    @Test
    void shouldResumeFromRestoredState() {
        // Given the state of a previous instance
        Recommendation salt = recommendation("jump", RecommendationKind.SALT_KEY, Action.saltKey("c-42", 3, 24));
        RecommendationLimiter before = new RecommendationLimiter();
        before.admit(salt, 10_000);
        RecommendationLimiter.Emitted saved =
                before.lastEmitted("jump", RecommendationKind.SALT_KEY).orElseThrow();

        // When a new limiter restores it
        RecommendationLimiter after = new RecommendationLimiter();
        after.restore("jump", RecommendationKind.SALT_KEY, saved);

        // Then it holds back the same plan within the minute
        assertThat(after.admit(salt, 20_000)).isFalse();
        assertThat(after.admit(salt, 70_000)).isTrue();
    }
}
