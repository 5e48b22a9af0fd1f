package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;
import io.partitionanalytics.partitioners.strategy.KafkaDefaultStrategy;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * {@link RecommendationKind#ADD_PARTITIONS}: the same strategy over N + k partitions, for the smallest k in 1..{@link
 * AdvisorSettings#maxAddedPartitions()} whose prediction meets the target. This helps when the skew comes from heavy
 * keys that happen to share a partition, or from an uneven ring; it cannot help a single dominant key (more
 * partitions only lower the mean it is compared with), and it is never proposed as a partial fix.
 *
 * <p>Applies to the hashing strategies (kafka-default, murmur3-channel, channel-bucket, jump, consistent-hash, a
 * directory over one of them, and {@code observed} through its model). Named keys are re-placed exactly at N + k; each
 * partition's residual moves as the strategy moves unknown keys (see {@link Spreads}: mod-N reshuffles nearly
 * everything, jump and the ring only what the new partitions take).
 *
 * <p>The rationale compares what the same growth would move on the observed keys under mod-N (kafka-default), jump and
 * a ring: the cost argument for choosing a strategy before one has to add partitions.
 */
public final class AddPartitionsRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ADD_PARTITIONS;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        AdvisorSettings settings = input.settings();
        LoadStatistics before = Proposals.before(input);
        if (before.total() == 0 || before.peakToMean() <= settings.targetMaxToMean() + Proposals.EPSILON) {
            return List.of();
        }
        StrategyModel current = StrategyModel.of(input);
        StrategyModel.Family family = current.family();
        if (family != StrategyModel.Family.MOD
                && family != StrategyModel.Family.JUMP
                && family != StrategyModel.Family.RING) {
            return List.of();
        }
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        int n = input.numPartitions();
        long time = input.snapshot().windowStartMs();
        for (int k = 1; k <= settings.maxAddedPartitions(); k++) {
            StrategyModel grown = current.resized(n + k, settings);
            IntFunction<double[]> residual = grown == null ? null : current.residualTransition(grown);
            if (residual == null) {
                return List.of();
            }
            Prediction after = Prediction.of(model, placement(grown, residual, time));
            if (!Proposals.meetsTarget(after.maxToMean(), settings)) {
                continue;
            }
            Map<String, String> ringOptions =
                    current.effective() instanceof ConsistentHashStrategy ? ringOptionsOf(input) : Map.of();
            String why = "add " + k + " partition" + (k == 1 ? "" : "s") + " (" + n + " → " + (n + k) + "): max/mean "
                    + Text.ratio(before.peakToMean()) + " → " + Text.ratio(after.maxToMean())
                    + (input.isObserved() ? ", assuming producers use " + settings.observedModel() : "")
                    + "; " + Proposals.cost(input, after) + "; the same growth would move "
                    + compare(model, KafkaDefaultStrategy.NAME, Map.of(), n, n + k, time, settings) + " of keys under"
                    + " mod-N (kafka-default), "
                    + compare(model, JumpHashStrategy.NAME, Map.of(), n, n + k, time, settings) + " under jump, "
                    + compare(model, ConsistentHashStrategy.NAME, ringOptions, n, n + k, time, settings)
                    + " under consistent-hash";
            return List.of(Proposals.of(input, kind(), List.of(Action.addPartitions(n + k)), before, after, why));
        }
        return List.of();
    }

    private static Placement placement(StrategyModel grown, IntFunction<double[]> residual, long time) {
        int partitions = grown.partitions();
        return new Placement() {
            @Override
            public int partitions() {
                return partitions;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return Spreads.oneHot(partitions, grown.place(key.keyBytes(), time));
            }

            @Override
            public double[] residualShares(int partition) {
                return residual.apply(partition);
            }
        };
    }

    /**
     * The fraction of the observed keys that {@code strategy} would move from {@code from} to {@code to} partitions:
     * named keys placed by it at both counts, unnamed keys by its own resize model, weighted by where it puts unknown
     * keys at {@code from}.
     */
    static String compare(
            KeyLoadModel model,
            String strategy,
            Map<String, String> options,
            int from,
            int to,
            long time,
            AdvisorSettings settings) {
        StrategyModel before = StrategyModel.of(strategy, from, options, settings);
        StrategyModel after = before.resized(to, settings);
        IntFunction<double[]> transition = after == null ? null : before.residualTransition(after);
        if (transition == null) {
            return "an unknown share";
        }
        double moved = 0;
        for (KeyLoadModel.HeavyKey key : model.heavyKeys()) {
            if (before.place(key.keyBytes(), time) != after.place(key.keyBytes(), time)) {
                moved++;
            }
        }
        double[] where = before.unknownKeyShares(0, 0);
        double leaving = 0;
        for (int p = 0; p < from; p++) {
            leaving += where[p] * (1 - transition.apply(p)[p]);
        }
        double residualKeys = 0;
        for (int p = 0; p < model.partitions(); p++) {
            residualKeys += model.residualKeys(p);
        }
        moved += residualKeys * leaving;
        return Text.percent(model.totalKeys() == 0 ? 0 : moved / model.totalKeys());
    }

    private static Map<String, String> ringOptionsOf(AdviceInput input) {
        if (ConsistentHashStrategy.NAME.equals(input.strategy())) {
            return input.strategyOptions();
        }
        // A directory over a ring: its fallback.* options are the ring's.
        Map<String, String> ring = new java.util.TreeMap<>();
        input.strategyOptions().forEach((k, v) -> {
            if (k.startsWith("fallback.")) {
                ring.put(k.substring("fallback.".length()), v);
            }
        });
        return ring;
    }
}
