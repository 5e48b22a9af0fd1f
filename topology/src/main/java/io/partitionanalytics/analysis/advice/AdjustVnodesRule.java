package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * {@link RecommendationKind#ADJUST_VNODES}: for {@code consistent-hash}, more virtual nodes per partition make the
 * ring's ownership, and so the load of many small keys, more even.
 *
 * <p><b>Estimate.</b> A node's share of the ring has a relative standard deviation of about 1/sqrt(V), and the largest
 * of N roughly normal shares lies about sqrt(2 ln N) deviations above the mean, so peak/mean ≈ 1 + sqrt(2 ln N / V).
 * For a target t this gives V ≈ 2 ln N / (t - 1)² (N = 12, t = 1.2: 125).
 *
 * <p><b>Check.</b> The estimate is only where the search starts: V = max(estimate, 2 × current), doubling up to {@link
 * AdvisorSettings#maxVnodes()} (and {@value #MAX_RING_SIZE} vnodes in all), each ring built for real, named keys placed on it exactly and each partition's residual
 * carried over arc by arc ({@link Spreads#ringChange}). The first V whose prediction meets the target is proposed; when
 * none does, the skew is not the ring's doing (typically heavy keys) and the rule stays silent.
 */
public final class AdjustVnodesRule implements RecommendationRule {

    /**
     * Most vnodes a candidate ring may have in all. Checking a ring means hashing each vnode's label and sorting the
     * positions of both rings: about a second per million, too long for a stream thread, and far beyond what any
     * target needs (N = 1000 partitions at 1.1× asks for about 1,400 vnodes each).
     */
    static final int MAX_RING_SIZE = 1 << 20;

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ADJUST_VNODES;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        AdvisorSettings settings = input.settings();
        int n = input.numPartitions();
        if (!ConsistentHashStrategy.NAME.equals(input.strategy()) || n < 2) {
            return List.of();
        }
        LoadStatistics before = Proposals.before(input);
        if (before.total() == 0 || before.peakToMean() <= settings.targetMaxToMean() + Proposals.EPSILON) {
            return List.of();
        }
        StrategyModel current = StrategyModel.of(input);
        int vnodes = ((ConsistentHashStrategy) current.strategy()).ring().vnodesPerNode();
        int estimate = estimateVnodes(n, settings.targetMaxToMean());
        int limit = (int) Math.min(settings.maxVnodes(), MAX_RING_SIZE / n);
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        long time = input.snapshot().windowStartMs();
        for (long v = Math.max(estimate, 2L * vnodes); v <= limit; v *= 2) {
            Map<String, String> options = new TreeMap<>(input.strategyOptions());
            options.put(ConsistentHashStrategy.VNODES, Long.toString(v));
            StrategyModel ring = StrategyModel.of(ConsistentHashStrategy.NAME, n, options, settings);
            IntFunction<double[]> residual = current.residualTransition(ring);
            Prediction after = Prediction.of(model, new Placement() {
                @Override
                public int partitions() {
                    return n;
                }

                @Override
                public double[] keyShares(KeyLoadModel.HeavyKey key) {
                    return Spreads.oneHot(n, ring.place(key.keyBytes(), time));
                }

                @Override
                public double[] residualShares(int partition) {
                    return residual.apply(partition);
                }
            });
            if (!Proposals.meetsTarget(after.maxToMean(), settings)) {
                continue;
            }
            String why = "set vnodes " + vnodes + " → " + v + " per partition: the ring's imbalance, about 1/√V,"
                    + " falls from " + Text.percent(1 / Math.sqrt(vnodes)) + " to " + Text.percent(1 / Math.sqrt(v))
                    + " (estimate for " + Text.ratio(settings.targetMaxToMean()) + " over " + n + " partitions: "
                    + estimate + " vnodes); max/mean " + Text.ratio(before.peakToMean()) + " → "
                    + Text.ratio(after.maxToMean()) + "; " + Proposals.cost(input, after);
            return List.of(Proposals.of(input, kind(), List.of(Action.setVnodes((int) v)), before, after, why));
        }
        return List.of();
    }

    /** V ≈ 2 ln N / (t - 1)²: the vnodes for which the expected peak/mean of N ring shares is t. */
    static int estimateVnodes(int partitions, double target) {
        double z = Math.sqrt(2 * Math.log(partitions));
        return (int) Math.ceil(z * z / ((target - 1) * (target - 1)));
    }
}
