package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    @Test
    void shouldDeriveTheSameIdFromTheSamePlan() {
        List<Action> plan = List.of(Action.movePartition(7, "2", "5"));

        String id = Recommendation.idOf("observed", RecommendationKind.MOVE_PARTITIONS, 1_000, plan);

        assertThat(id)
                .isEqualTo(Recommendation.idOf(
                        "observed",
                        RecommendationKind.MOVE_PARTITIONS,
                        1_000,
                        List.of(Action.movePartition(7, "2", "5"))))
                .isNotEqualTo(Recommendation.idOf("observed", RecommendationKind.MOVE_PARTITIONS, 6_000, plan))
                .isNotEqualTo(Recommendation.idOf("jump", RecommendationKind.MOVE_PARTITIONS, 1_000, plan))
                .isNotEqualTo(Recommendation.idOf(
                        "observed",
                        RecommendationKind.MOVE_PARTITIONS,
                        1_000,
                        List.of(Action.movePartition(7, "2", "4"))));
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(3);
    }

    @Test
    void shouldNotConfuseFieldsWhateverTheKeyText() {
        // A key that contains what a naive join would use as separators
        Action a = Action.saltKey("a;b", 1, 2);
        Action b = new Action(Action.SALT_KEY, 1, "a", null, null, "b;2");

        assertThat(a.canonical()).isNotEqualTo(b.canonical());
    }

    @Test
    void shouldValidateNodeModels() {
        assertThat(NodeModel.roundRobin(5, 2).nodeOf(4)).isEqualTo("node-0");
        assertThatThrownBy(() -> NodeModel.of(List.of("a"), List.of("a", "b")))
                .hasMessageContaining("partition 1 is on node b, which is not listed");
        assertThatThrownBy(() -> new NodeModel.Replicas(3, List.of(1, 2)))
                .hasMessageContaining("leader 3 is not among the replicas");
        assertThatThrownBy(() -> AdviceInput.of(LoadFixtures.uniform("jump", 4, 10), null)
                        .withNodes(NodeModel.roundRobin(5, 2)))
                .hasMessageContaining("the node model covers 5 partitions");
    }
}
