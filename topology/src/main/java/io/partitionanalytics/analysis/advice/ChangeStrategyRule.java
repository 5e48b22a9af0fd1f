package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.partitioners.PartitionStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link RecommendationKind#CHANGE_STRATEGY}: the same window's traffic under each {@link
 * AdvisorSettings#candidateStrategies() candidate} (default options, same N). Named keys are placed exactly by the
 * candidate; unnamed keys are placed as the candidate places a key it has never seen (uniform for hashes, by ownership
 * for a ring, by the window's time for time-bucket), independently of where they are now: the candidates' hash
 * functions are unrelated to the current one. The candidate with the lowest predicted peak wins (peaks compared to two
 * decimals, then the candidates' order); proposed when it meets the target, or as a {@link Proposals#worthAsPartial
 * worthwhile partial} fix.
 *
 * <p>This is the answer to hotspots that no split or move can fix because they follow time (time-bucket on current
 * traffic, range on ever-increasing keys): a hash spreads them. It cannot spread a single dominant key, which every
 * key-hashing strategy keeps whole; the prediction shows that, and the rule stays silent.
 *
 * <p>Switching strategy moves almost every key (about (N - 1)/N); the cost says so.
 */
public final class ChangeStrategyRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.CHANGE_STRATEGY;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        AdvisorSettings settings = input.settings();
        LoadStatistics before = Proposals.before(input);
        if (before.total() == 0 || before.peakToMean() <= settings.targetMaxToMean() + Proposals.EPSILON) {
            return List.of();
        }
        StrategyModel current = StrategyModel.of(input);
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        int n = input.numPartitions();
        long start = input.snapshot().windowStartMs();
        long end = input.snapshot().windowEndMs();

        record Candidate(String name, Prediction after) {}
        List<Candidate> candidates = new ArrayList<>();
        for (String name : settings.candidateStrategies()) {
            if (isCurrent(name, input, current)) {
                continue;
            }
            StrategyModel candidate = StrategyModel.of(name, n, Map.of(), settings);
            double[] unknown = candidate.unknownKeyShares(start, end);
            candidates.add(new Candidate(name, Prediction.of(model, placement(candidate, unknown, start))));
        }
        Candidate best = null;
        for (Candidate c : candidates) {
            if (best == null
                    || rounded(c.after().maxToMean()) < rounded(best.after().maxToMean())) {
                best = c;
            }
        }
        if (best == null) {
            return List.of();
        }
        boolean meets = Proposals.meetsTarget(best.after().maxToMean(), settings);
        if (!meets
                && !Proposals.worthAsPartial(before.peakToMean(), best.after().maxToMean(), settings)) {
            return List.of();
        }
        StringBuilder others = new StringBuilder();
        for (Candidate c : candidates) {
            if (c != best) {
                others.append(others.length() == 0 ? "; others: " : ", ")
                        .append(c.name())
                        .append(' ')
                        .append(Text.ratio(c.after().maxToMean()));
            }
        }
        String why = "switch " + input.strategy() + " to " + best.name() + ": max/mean "
                + Text.ratio(before.peakToMean()) + " → "
                + Text.ratio(best.after().maxToMean())
                + " on this window's keys (named keys placed exactly; unnamed ones, "
                + Text.percent(model.residualShare()) + " of events, as many small keys)"
                + (meets ? "" : ", still above the " + Text.ratio(settings.targetMaxToMean()) + " target")
                + "; " + Proposals.cost(input, best.after()) + others;
        return List.of(
                Proposals.of(input, kind(), List.of(Action.switchStrategy(best.name())), before, best.after(), why));
    }

    /** Candidates equal to what is in place are no change: the strategy itself, the observed model, a directory's fallback. */
    private static boolean isCurrent(String candidate, AdviceInput input, StrategyModel current) {
        if (candidate.equals(input.strategy())) {
            return true;
        }
        if (input.isObserved()) {
            return candidate.equals(input.settings().observedModel());
        }
        PartitionStrategy effective = current.effective();
        return effective != current.strategy() && candidate.equals(effective.name());
    }

    private static Placement placement(StrategyModel candidate, double[] unknown, long time) {
        int n = candidate.partitions();
        boolean byKey = candidate.placesByKey();
        return new Placement() {
            @Override
            public int partitions() {
                return n;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return byKey ? Spreads.oneHot(n, candidate.place(key.keyBytes(), time)) : unknown;
            }

            @Override
            public double[] residualShares(int partition) {
                return unknown;
            }
        };
    }

    private static long rounded(double ratio) {
        return Math.round(ratio * 100);
    }
}
