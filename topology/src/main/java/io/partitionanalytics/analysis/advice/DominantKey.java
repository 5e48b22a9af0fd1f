package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A key that is more than half of a hot partition: the case where splitting the partition cannot help, because the key
 * itself cannot be split by a boundary. Found on the hottest partition above the target that has one; the claim uses
 * the sketch's <em>lower bound</em> of the key's count, so it holds whatever the sketch's error.
 *
 * @param key the key
 * @param partition its partition
 * @param level how far a plan may leave the <em>other</em> partitions: the target, or the highest ratio among the other
 *     partitions already (a plan about this key is not to blame for another hotspot)
 */
record DominantKey(KeyLoadModel.HeavyKey key, int partition, double level) {

    static Optional<DominantKey> find(KeyLoadModel model, LoadStatistics before, AdvisorSettings settings) {
        int n = model.partitions();
        // Hottest first; equal loads by partition number, for determinism.
        List<Integer> order = IntStream.range(0, n)
                .boxed()
                .sorted(Comparator.comparingLong((Integer p) -> model.events(p))
                        .reversed()
                        .thenComparing(p -> p))
                .toList();
        for (int p : order) {
            if (before.ratio(p) <= settings.targetMaxToMean() + Proposals.EPSILON) {
                break;
            }
            for (KeyLoadModel.HeavyKey key : model.heavyKeys(p)) {
                if (key.lowerBound() > settings.dominantKeyShare() * model.events(p)) {
                    double others = 0;
                    for (int q = 0; q < n; q++) {
                        if (q != p) {
                            others = Math.max(others, before.ratio(q));
                        }
                    }
                    return Optional.of(new DominantKey(key, p, Math.max(settings.targetMaxToMean(), others)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a prediction fixes this key's partition without making the rest worse: its partition at most the target
     * and no partition above {@link #level}.
     */
    boolean fixedBy(Prediction after, AdvisorSettings settings) {
        return after.ratio(partition) <= settings.targetMaxToMean() + Proposals.EPSILON
                && after.maxToMean() <= level + Proposals.EPSILON;
    }

    /** The key's share of its partition, as estimated and as guaranteed. */
    String shareText(KeyLoadModel model) {
        double events = model.events(partition);
        return Text.percent(key.events() / events) + " of partition " + partition + ", at least "
                + Text.percent(key.lowerBound() / events);
    }
}
