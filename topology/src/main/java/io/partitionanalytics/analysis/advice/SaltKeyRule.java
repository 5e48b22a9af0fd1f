package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@link RecommendationKind#SALT_KEY}: a {@link DominantKey dominant key} is written as k sub-keys {@code key#0 ..
 * key#(k-1)} (the producer picks the suffix round-robin or at random, so each carries 1/k of the key's events); readers
 * that need the key's events together merge the k sub-keys, and per-key order holds only within a sub-key.
 *
 * <p>The prediction re-places each sub-key with the strategy itself (for {@code observed}, with the {@link
 * AdvisorSettings#observedModel() observed model}); every other key and all residual traffic stay where they are. The
 * smallest k in 2..{@link AdvisorSettings#maxSaltFactor()} that {@link DominantKey#fixedBy fixes} the partition is
 * proposed; when none does, the k with the lowest peak, if it is a {@link Proposals#worthAsPartial worthwhile partial}
 * fix.
 *
 * <p>Not for strategies that ignore the key (time-bucket, geo) nor for range, where {@code key#i} sorts right next to
 * {@code key} and stays in its range.
 */
public final class SaltKeyRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.SALT_KEY;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        AdvisorSettings settings = input.settings();
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        LoadStatistics before = Proposals.before(input);
        Optional<DominantKey> found = DominantKey.find(model, before, settings);
        if (found.isEmpty()) {
            return List.of();
        }
        StrategyModel strategy = StrategyModel.of(input);
        if (!strategy.placesByKey() || strategy.family() == StrategyModel.Family.RANGE) {
            return List.of();
        }
        DominantKey dominant = found.get();
        long time = input.snapshot().windowStartMs();

        // Sub-key i is placed once: the sub-keys of factor k are the first k of one sequence.
        int n = input.numPartitions();
        int[] subKeyCounts = new int[n];
        int chosen = -1;
        Prediction chosenAfter = null;
        int best = -1;
        Prediction bestAfter = null;
        for (int k = 1; k <= settings.maxSaltFactor(); k++) {
            byte[] sub = subKey(dominant.key().key(), k - 1, settings).getBytes(StandardCharsets.UTF_8);
            subKeyCounts[strategy.place(sub, time)]++;
            if (k == 1) {
                continue;
            }
            Prediction after = Prediction.of(model, salted(model, dominant, subKeyCounts, k));
            if (dominant.fixedBy(after, settings)) {
                chosen = k;
                chosenAfter = after;
                break;
            }
            if (bestAfter == null || after.maxToMean() < bestAfter.maxToMean() - Proposals.EPSILON) {
                best = k;
                bestAfter = after;
            }
        }
        boolean partial = chosen < 0;
        if (partial) {
            if (bestAfter == null || !Proposals.worthAsPartial(before.peakToMean(), bestAfter.maxToMean(), settings)) {
                return List.of();
            }
            chosen = best;
            chosenAfter = bestAfter;
        }
        String key = dominant.key().key();
        String why = "salt key " + Text.key(key) + " (" + dominant.shareText(model) + ") into " + chosen
                + " sub-keys " + Text.key(subKey(key, 0, settings)) + ".."
                + Text.key(subKey(key, chosen - 1, settings)) + ": partition " + dominant.partition()
                + " falls from " + Text.ratio(before.ratio(dominant.partition())) + " to "
                + Text.ratio(chosenAfter.ratio(dominant.partition())) + " the mean, max/mean "
                + Text.ratio(before.peakToMean()) + " → " + Text.ratio(chosenAfter.maxToMean())
                + (partial
                        ? " (the " + Text.ratio(settings.targetMaxToMean()) + " target is out of reach with at most "
                                + settings.maxSaltFactor() + " sub-keys)"
                        : "")
                + (input.isObserved() ? ", assuming producers use " + settings.observedModel() : "")
                + "; readers merge the sub-keys and per-key order holds only within one; "
                + Proposals.cost(input, chosenAfter);
        return List.of(Proposals.of(
                input, kind(), List.of(Action.saltKey(key, dominant.partition(), chosen)), before, chosenAfter, why));
    }

    static String subKey(String key, int index, AdvisorSettings settings) {
        return key + settings.saltSeparator() + index;
    }

    /** The dominant key as k equal sub-keys where the strategy puts them; everything else where it is. */
    private static Placement salted(KeyLoadModel model, DominantKey dominant, int[] subKeyCounts, int k) {
        int n = model.partitions();
        double[] subKeys = new double[n];
        for (int q = 0; q < n; q++) {
            subKeys[q] = (double) subKeyCounts[q] / k;
        }
        return new Placement() {
            @Override
            public int partitions() {
                return n;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return key == dominant.key() ? subKeys : null;
            }

            @Override
            public double[] residualShares(int partition) {
                return null;
            }
        };
    }
}
