package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.load.LoadSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RecommendationKind#MOVE_PARTITIONS}: keys stay on their partitions; partitions change node. A node's load is the
 * sum of the events of the partitions it leads; the goal is the hottest node at most {@code target ×} the mean node load
 * (total / all nodes, idle ones included), reached with the fewest moves ({@link MovePlanner}).
 *
 * <p>When one partition alone is above that goal no placement of partitions can reach it; the goal becomes that
 * partition's load (it gets a node to itself, more or less), and the plan is proposed only if it lowers the peak by
 * {@link AdvisorSettings#minImprovement()}: the rationale says the target is out of reach, and the partition's own
 * skew is for the other kinds to fix.
 *
 * <p>Cost: the moved partitions' keys, events/s and bytes/s (all of their traffic changes node). With a {@link
 * NodeModel#kafka Kafka node model} the plan also comes as reassignment JSON ({@link ReassignmentJson}).
 */
public final class MovePartitionsRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.MOVE_PARTITIONS;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        NodeModel model = input.nodes();
        if (model == null || model.nodes().size() < 2) {
            return List.of();
        }
        AdvisorSettings settings = input.settings();
        LoadSnapshot snapshot = input.snapshot();
        int n = input.numPartitions();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < model.nodes().size(); i++) {
            index.put(model.nodes().get(i), i);
        }
        int nodes = model.nodes().size();
        long[] partitionLoads = new long[n];
        int[] nodeOf = new int[n];
        long maxPartition = 0;
        for (int p = 0; p < n; p++) {
            partitionLoads[p] = snapshot.partitions().get(p).events();
            nodeOf[p] = index.get(model.nodeOf(p));
            maxPartition = Math.max(maxPartition, partitionLoads[p]);
        }
        LoadStatistics before = LoadStatistics.of(MovePlanner.nodeLoads(partitionLoads, nodeOf, nodes));
        if (before.total() == 0 || before.peakToMean() <= settings.targetMaxToMean() + Proposals.EPSILON) {
            return List.of();
        }
        double targetLoad = settings.targetMaxToMean() * before.mean();
        boolean reachable = maxPartition <= targetLoad;
        double goal = reachable ? targetLoad : maxPartition;
        Optional<MovePlanner.Plan> found =
                MovePlanner.plan(partitionLoads, nodeOf, nodes, goal, settings.maxMoves(), settings.moveSearchBudget());
        if (found.isEmpty()) {
            return List.of();
        }
        MovePlanner.Plan plan = found.get();
        LoadStatistics after = LoadStatistics.of(plan.nodeLoads());
        if (!reachable && !Proposals.worthAsPartial(before.peakToMean(), after.peakToMean(), settings)) {
            return List.of();
        }

        List<Action> actions = new ArrayList<>();
        long movedEvents = 0;
        long movedBytes = 0;
        long movedKeys = 0;
        long allKeys = 0;
        for (LoadSnapshot.Partition p : snapshot.partitions()) {
            allKeys += p.distinctKeys();
        }
        Map<Integer, List<Integer>> replicas = new LinkedHashMap<>();
        for (MovePlanner.Move m : plan.moves()) {
            String from = model.nodes().get(m.from());
            String to = model.nodes().get(m.to());
            actions.add(Action.movePartition(m.partition(), from, to));
            LoadSnapshot.Partition p = snapshot.partitions().get(m.partition());
            movedEvents += p.events();
            movedBytes += p.bytes();
            movedKeys += p.distinctKeys();
            if (model.isKafka()) {
                replicas.put(
                        m.partition(),
                        ReassignmentJson.replicasAfterMove(
                                model.replicas(m.partition()).replicas(),
                                Integer.parseInt(from),
                                Integer.parseInt(to)));
            }
        }
        double seconds = input.windowSeconds();
        double eventsPerSec = seconds == 0 ? 0 : movedEvents / seconds;
        double bytesPerSec = seconds == 0 ? 0 : movedBytes / seconds;
        double keyFraction = allKeys == 0 ? 0 : (double) movedKeys / allKeys;
        double eventFraction = (double) movedEvents / before.total();

        int hot = before.hottestPartition(); // hottest node index
        StringBuilder why = new StringBuilder("move ");
        for (int i = 0; i < plan.moves().size(); i++) {
            MovePlanner.Move m = plan.moves().get(i);
            if (i > 0) {
                why.append(i == plan.moves().size() - 1 ? " and " : ", ");
            }
            why.append("partition ")
                    .append(m.partition())
                    .append(" from ")
                    .append(model.describe(model.nodes().get(m.from())))
                    .append(" to ")
                    .append(model.describe(model.nodes().get(m.to())));
        }
        why.append(": ")
                .append(model.describe(model.nodes().get(hot)))
                .append(" falls from ")
                .append(Text.ratio(before.ratio(hot)))
                .append(" to ")
                .append(Text.ratio(after.ratio(hot)))
                .append(" the mean node load");
        if (after.hottestPartition() != hot && after.peakToMean() > after.ratio(hot)) {
            why.append(", the busiest node is then ")
                    .append(model.describe(model.nodes().get(after.hottestPartition())))
                    .append(" at ")
                    .append(Text.ratio(after.peakToMean()));
        }
        if (!reachable) {
            int big = 0;
            for (int p = 1; p < n; p++) {
                if (partitionLoads[p] > partitionLoads[big]) {
                    big = p;
                }
            }
            why.append("; the ")
                    .append(Text.ratio(settings.targetMaxToMean()))
                    .append(" target is out of reach by moves alone: partition ")
                    .append(big)
                    .append(" by itself is ")
                    .append(Text.ratio(partitionLoads[big] / before.mean()))
                    .append(" the mean node load");
        }
        if (!plan.provenMinimal()) {
            why.append(" (greedy plan; the exact search ran out of budget)");
        }
        why.append("; ").append(Text.cost(keyFraction, eventFraction, eventsPerSec, bytesPerSec));
        if (model.isKafka()) {
            why.append("; apply with kafka-reassign-partitions.sh, then a preferred-leader election");
        }
        return List.of(Proposals.of(
                input,
                kind(),
                actions,
                before.peakToMean(),
                after.peakToMean(),
                before.coefficientOfVariation(),
                after.coefficientOfVariation(),
                keyFraction,
                eventsPerSec,
                bytesPerSec,
                why.toString(),
                model.isKafka() ? ReassignmentJson.of(model.topic(), replicas) : null));
    }
}
