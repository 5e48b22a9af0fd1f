package io.partitionanalytics.analysis.advice;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A concrete, costed change with its predicted effect: the plain-value twin of the {@code RebalanceRecommendation} Avro
 * record (same fields, same meaning).
 *
 * <p>Skew figures are over partitions for every kind except {@link RecommendationKind#MOVE_PARTITIONS}, where the
 * partitioning of keys does not change and what changes is the load of each <em>node</em>: there they are the node loads'
 * max/mean and coefficient of variation (mean over all nodes of the model, idle ones included).
 *
 * @param id deterministic: see {@link #idOf}
 * @param triggerAlertId the hotspot alert that prompted the advice, or null
 * @param windowEndMs end of the window whose loads the plan was computed on
 * @param actions the plan, in the order to apply it
 * @param beforeMaxToMean peak/mean in that window
 * @param afterMaxToMean predicted peak/mean once the plan is applied, for the same traffic
 * @param beforeCv coefficient of variation in that window
 * @param afterCv predicted coefficient of variation
 * @param movedKeyFraction fraction of the observed keys whose partition (for MOVE_PARTITIONS: node) would change
 * @param movedEventsPerSec events per second, at the window's rate, that would go elsewhere
 * @param movedBytesPerSec payload bytes per second that would go elsewhere
 * @param rationale one human line: what, why, and at what cost
 * @param reassignmentJson for MOVE_PARTITIONS with a Kafka node model: the input of {@code kafka-reassign-partitions.sh
 *     --reassignment-json-file}; else null
 */
public record Recommendation(
        String id,
        RecommendationKind kind,
        String strategy,
        String triggerAlertId,
        long windowEndMs,
        List<Action> actions,
        double beforeMaxToMean,
        double afterMaxToMean,
        double beforeCv,
        double afterCv,
        double movedKeyFraction,
        double movedEventsPerSec,
        double movedBytesPerSec,
        String rationale,
        String reassignmentJson) {

    public Recommendation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(rationale, "rationale");
        actions = List.copyOf(actions);
    }

    /**
     * The id of a plan: a name-based (version 3) UUID of the strategy, the kind, the window end and the actions. The same
     * plan for the same window always has the same id, in any process, so a replay after a crash produces no new id; a
     * different plan, or the same plan for another window, gets another one.
     */
    public static String idOf(String strategy, RecommendationKind kind, long windowEndMs, List<Action> actions) {
        StringBuilder name = new StringBuilder("recommendation\n")
                .append(strategy.length())
                .append(':')
                .append(strategy)
                .append('\n')
                .append(kind.name())
                .append('\n')
                .append(windowEndMs)
                .append('\n');
        for (Action action : actions) {
            name.append(action.canonical()).append('\n');
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
