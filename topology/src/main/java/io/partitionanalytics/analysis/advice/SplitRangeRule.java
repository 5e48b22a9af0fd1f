package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * {@link RecommendationKind#SPLIT_RANGE}, CockroachDB's load-based splitting: split the hottest partition where half of
 * its load lies on each side, and only when the split leaves each side within {@link
 * AdvisorSettings#splitTolerance()} (25%) of half. A split that fails the rule would leave one side as hot as before:
 * typically one dominant key (SALT_KEY and ISOLATE_KEY handle it), or traffic that only ever hits the newest keys or the
 * current time bucket, which no split spreads (CHANGE_STRATEGY does).
 *
 * <p><b>range.</b> Candidate split keys are the hot partition's named keys; each named key's events are exact, and the
 * residual (unnamed keys, whose positions are unknown) is assumed spread evenly over the m + 1 gaps around the m named
 * keys. The split key becomes a new boundary (the first key of the right half), so the strategy goes from N to N + 1
 * partitions; because range numbers partitions in key order, every partition after the split is renumbered (its
 * traffic counts as moved, as it would in Kafka). The prediction re-places the named keys with the new boundaries and
 * the hot partition's residual by the gap model.
 *
 * <p><b>time-bucket.</b> The only split the strategy can express is every bucket at its midpoint, that is half the
 * bucket width. The rule is checked on the hot partition's busiest bucket, assuming the window's events are spread
 * evenly over its event time (the snapshot has no finer time resolution); the prediction re-buckets the window's
 * traffic at the new width. Needs an even bucket width, so that new buckets fall exactly on halves.
 */
public final class SplitRangeRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.SPLIT_RANGE;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        LoadStatistics before = Proposals.before(input);
        if (before.total() == 0 || before.peakToMean() <= input.settings().targetMaxToMean() + Proposals.EPSILON) {
            return List.of();
        }
        return switch (input.strategy()) {
            case RangeStrategy.NAME -> splitRange(input, before);
            case TimeBucketStrategy.NAME -> splitBucket(input, before);
            default -> List.of();
        };
    }

    private List<Recommendation> splitRange(AdviceInput input, LoadStatistics before) {
        AdvisorSettings settings = input.settings();
        int n = input.numPartitions();
        RangeStrategy range = (RangeStrategy) Strategies.create(RangeStrategy.NAME, n, input.strategyOptions());
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        int hot = before.hottestPartition();
        List<byte[]> boundaries = range.boundaries();
        byte[] lower = hot == 0 ? new byte[0] : boundaries.get(hot - 1);
        byte[] upper = hot == n - 1 ? null : boundaries.get(hot);

        List<KeyLoadModel.HeavyKey> keys = new ArrayList<>(model.heavyKeys(hot));
        keys.sort(Comparator.comparing(KeyLoadModel.HeavyKey::keyBytes, Arrays::compareUnsigned));
        int m = keys.size();
        double total = model.events(hot);
        double gap = model.residualEvents(hot) / (m + 1);
        double half = total / 2;
        int split = -1;
        double splitLeft = 0;
        double named = 0;
        for (int i = 0; i < m; i++) {
            byte[] candidate = keys.get(i).keyBytes();
            // Left of key i: named keys 0..i-1 and gaps 0..i.
            double left = named + (i + 1) * gap;
            named += keys.get(i).events();
            // A boundary must lie strictly inside the partition's range (a key that decoded differently could not).
            if (candidate.length == 0
                    || Arrays.compareUnsigned(candidate, lower) <= 0
                    || (upper != null && Arrays.compareUnsigned(candidate, upper) >= 0)) {
                continue;
            }
            if (split < 0 || Math.abs(left - half) < Math.abs(splitLeft - half)) {
                split = i;
                splitLeft = left;
            }
        }
        if (split < 0 || Math.abs(splitLeft - half) > settings.splitTolerance() * half + Proposals.EPSILON) {
            return List.of();
        }
        KeyLoadModel.HeavyKey at = keys.get(split);
        List<byte[]> grown = new ArrayList<>(boundaries);
        grown.add(hot, at.keyBytes());
        RangeStrategy after = new RangeStrategy(n + 1, grown);
        double leftShare = (split + 1.0) / (m + 1);
        Placement placement = new Placement() {
            @Override
            public int partitions() {
                return n + 1;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return Spreads.oneHot(n + 1, after.partition(key.keyBytes(), 0L, Double.NaN, Double.NaN));
            }

            @Override
            public double[] residualShares(int partition) {
                double[] shares = new double[n + 1];
                if (partition < hot) {
                    shares[partition] = 1;
                } else if (partition > hot) {
                    shares[partition + 1] = 1;
                } else {
                    shares[hot] = leftShare;
                    shares[hot + 1] = 1 - leftShare;
                }
                return shares;
            }
        };
        Prediction predicted = Prediction.of(model, placement);
        if (!Proposals.meetsTarget(predicted.maxToMean(), settings)
                && !Proposals.worthAsPartial(before.peakToMean(), predicted.maxToMean(), settings)) {
            return List.of();
        }
        String why = "split partition " + hot + " at key " + Text.key(at.key()) + " (a new range boundary, "
                + (n + 1) + " partitions"
                + (hot + 1 < n
                        ? "; partitions " + (hot + 1) + ".." + (n - 1) + " are renumbered " + (hot + 2) + ".." + n
                        : "")
                + "): each side carries about " + Text.percent(splitLeft / total) + " / "
                + Text.percent(1 - splitLeft / total) + " of its load (named keys exact, its "
                + Text.percent(model.residualEvents(hot) / total)
                + " of unnamed traffic assumed spread evenly between them); max/mean "
                + Text.ratio(before.peakToMean()) + " → " + Text.ratio(predicted.maxToMean())
                + targetNote(predicted, settings) + "; " + Proposals.cost(input, predicted);
        return List.of(Proposals.of(input, kind(), List.of(Action.splitAt(hot, at.key())), before, predicted, why));
    }

    private List<Recommendation> splitBucket(AdviceInput input, LoadStatistics before) {
        AdvisorSettings settings = input.settings();
        int n = input.numPartitions();
        long bucket = ((TimeBucketStrategy) Strategies.create(TimeBucketStrategy.NAME, n, input.strategyOptions()))
                .bucketMs();
        long start = input.snapshot().windowStartMs();
        long end = input.snapshot().windowEndMs();
        if (bucket < 2 || bucket % 2 != 0 || end <= start) {
            return List.of();
        }
        int hot = before.hottestPartition();
        // The bucket of the hot partition that overlaps the window most: the one a split would have to spread.
        long busiest = Long.MIN_VALUE;
        long busiestOverlap = 0;
        for (long b = Math.floorDiv(start, bucket); b * bucket < end; b++) {
            if (Math.floorMod(b, (long) n) != hot) {
                continue;
            }
            long overlap = Math.min(end, (b + 1) * bucket) - Math.max(start, b * bucket);
            if (overlap > busiestOverlap) {
                busiest = b;
                busiestOverlap = overlap;
            }
        }
        if (busiestOverlap == 0) {
            return List.of();
        }
        long bucketStart = busiest * bucket;
        long middle = bucketStart + bucket / 2;
        long left = Math.max(0, Math.min(end, middle) - Math.max(start, bucketStart));
        double leftShare = (double) left / busiestOverlap;
        if (Math.abs(leftShare - 0.5) > settings.splitTolerance() * 0.5 + Proposals.EPSILON) {
            return List.of();
        }
        IntFunction<double[]> rebucket = Spreads.rebucket(start, end, bucket, n, bucket / 2, n);
        if (rebucket == null) {
            return List.of();
        }
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        Placement placement = new Placement() {
            @Override
            public int partitions() {
                return n;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return rebucket.apply(key.partition()); // time decides, not the key
            }

            @Override
            public double[] residualShares(int partition) {
                return rebucket.apply(partition);
            }
        };
        Prediction predicted = Prediction.of(model, placement);
        if (!Proposals.meetsTarget(predicted.maxToMean(), settings)
                && !Proposals.worthAsPartial(before.peakToMean(), predicted.maxToMean(), settings)) {
            return List.of();
        }
        String why = "split the time buckets of partition " + hot + " in half (bucket.ms " + bucket + " → "
                + bucket / 2 + "; bucket " + Instant.ofEpochMilli(bucketStart) + " splits at "
                + Instant.ofEpochMilli(middle) + "): each half carries about " + Text.percent(leftShare) + " / "
                + Text.percent(1 - leftShare) + " of the window's load there (events assumed even in time within the"
                + " window); max/mean " + Text.ratio(before.peakToMean()) + " → " + Text.ratio(predicted.maxToMean())
                + targetNote(predicted, settings) + "; " + Proposals.cost(input, predicted);
        return List.of(Proposals.of(
                input,
                kind(),
                List.of(Action.splitAt(hot, TimeBucketStrategy.BUCKET_MS + "=" + bucket / 2)),
                before,
                predicted,
                why));
    }

    private static String targetNote(Prediction predicted, AdvisorSettings settings) {
        return Proposals.meetsTarget(predicted.maxToMean(), settings)
                ? ""
                : " (above the " + Text.ratio(settings.targetMaxToMean()) + " target: a first split, as in CockroachDB;"
                        + " the next window will show whether another is needed)";
    }
}
