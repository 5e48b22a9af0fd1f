package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.partitioners.Strategies;
import java.util.List;
import java.util.Objects;

/**
 * Thresholds and limits of the advisor. Ratios are multiples of the mean load, as everywhere in the product.
 *
 * @param targetMaxToMean the peak/mean a plan aims at (default 1.2, the detector's exit ratio: a plan that reaches it
 *     resolves the alert). A rule only looks for a plan when the current peak/mean is above it.
 * @param minImprovement when no plan of a kind reaches the target, the best one is still proposed if it lowers the
 *     peak/mean by at least this fraction (default 0.25: to at most 75% of what it is); its rationale says the target is
 *     out of reach. 1 turns such partial plans off.
 * @param dominantKeyShare SALT_KEY and ISOLATE_KEY apply to a key whose <em>lower bound</em> exceeds this share of its
 *     partition's events (default 0.5: more than half, where no split can help). The lower bound makes the claim safe
 *     despite the sketch's error.
 * @param maxSaltFactor most sub-keys SALT_KEY proposes (default 1024); the smallest factor that meets the target wins.
 *     Sub-keys are hashed, so they collide like any keys: a key at 40% of the traffic of 12 partitions typically needs a
 *     few hundred before no partition gets too many of them.
 * @param saltSeparator what joins a key and its salt: sub-keys are {@code key + separator + i}, i in 0..k-1 (default
 *     {@code #})
 * @param splitTolerance SPLIT_RANGE proposes a split only when each side carries within this fraction of half of the
 *     partition's load (default 0.25, CockroachDB's load-based splitting: each side in [37.5%, 62.5%])
 * @param maxMoves most partition moves one MOVE_PARTITIONS plan may hold (default 8)
 * @param moveSearchBudget most candidate plans the exact MOVE_PARTITIONS search evaluates before it settles for the
 *     greedy plan (default 1,000,000; about 50 ms)
 * @param maxAddedPartitions ADD_PARTITIONS tries N+1 .. N+this (default 8)
 * @param candidateStrategies CHANGE_STRATEGY's alternatives with their default options, in order of preference for ties
 *     (default jump, consistent-hash, murmur3-channel, kafka-default, channel-bucket); each must be a strategy whose
 *     placement of unknown small keys the advisor can model: not range or geo
 * @param maxVnodes ADJUST_VNODES proposes at most this many virtual nodes per partition (default 4096)
 * @param observedModel the strategy assumed to be what producers of {@code observed} traffic use, for predictions that
 *     need to place new keys (salted sub-keys, more partitions); default {@code kafka-default}, Kafka's own keyed
 *     partitioner
 */
public record AdvisorSettings(
        double targetMaxToMean,
        double minImprovement,
        double dominantKeyShare,
        int maxSaltFactor,
        String saltSeparator,
        double splitTolerance,
        int maxMoves,
        long moveSearchBudget,
        int maxAddedPartitions,
        List<String> candidateStrategies,
        int maxVnodes,
        String observedModel) {

    private static final List<String> UNMODELLED = List.of("range", "geo", "directory");

    public static final AdvisorSettings DEFAULTS = new AdvisorSettings(
            1.2,
            0.25,
            0.5,
            1024,
            "#",
            0.25,
            8,
            1_000_000L,
            8,
            List.of("jump", "consistent-hash", "murmur3-channel", "kafka-default", "channel-bucket"),
            4096,
            "kafka-default");

    public AdvisorSettings {
        if (!(targetMaxToMean > 1.0) || Double.isInfinite(targetMaxToMean)) {
            throw new IllegalArgumentException("target max/mean must be > 1, got " + targetMaxToMean);
        }
        if (!(minImprovement > 0 && minImprovement <= 1)) {
            throw new IllegalArgumentException("minimum improvement must be in (0, 1], got " + minImprovement);
        }
        if (!(dominantKeyShare >= 0.5 && dominantKeyShare < 1)) {
            throw new IllegalArgumentException("dominant key share must be in [0.5, 1), got " + dominantKeyShare);
        }
        if (maxSaltFactor < 2) {
            throw new IllegalArgumentException("max salt factor must be >= 2, got " + maxSaltFactor);
        }
        Objects.requireNonNull(saltSeparator, "saltSeparator");
        if (!(splitTolerance > 0 && splitTolerance < 1)) {
            throw new IllegalArgumentException("split tolerance must be in (0, 1), got " + splitTolerance);
        }
        if (maxMoves < 1 || moveSearchBudget < 0 || maxAddedPartitions < 1 || maxVnodes < 1) {
            throw new IllegalArgumentException(
                    "max moves, max added partitions and max vnodes must be >= 1, the search budget >= 0");
        }
        candidateStrategies = List.copyOf(candidateStrategies);
        for (String candidate : candidateStrategies) {
            if (!Strategies.names().contains(candidate) || UNMODELLED.contains(candidate)) {
                throw new IllegalArgumentException("candidate strategy '" + candidate
                        + "' is not one whose placement of unlisted keys can be predicted; use any of "
                        + Strategies.names().stream()
                                .filter(n -> !UNMODELLED.contains(n))
                                .toList());
            }
        }
        if (!Strategies.names().contains(observedModel) || UNMODELLED.contains(observedModel)) {
            throw new IllegalArgumentException("observed model must be a hashing strategy, got " + observedModel);
        }
    }

    public AdvisorSettings withTargetMaxToMean(double value) {
        return new AdvisorSettings(
                value,
                minImprovement,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                splitTolerance,
                maxMoves,
                moveSearchBudget,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withMinImprovement(double value) {
        return new AdvisorSettings(
                targetMaxToMean,
                value,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                splitTolerance,
                maxMoves,
                moveSearchBudget,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withMaxSaltFactor(int value) {
        return new AdvisorSettings(
                targetMaxToMean,
                minImprovement,
                dominantKeyShare,
                value,
                saltSeparator,
                splitTolerance,
                maxMoves,
                moveSearchBudget,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withSplitTolerance(double value) {
        return new AdvisorSettings(
                targetMaxToMean,
                minImprovement,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                value,
                maxMoves,
                moveSearchBudget,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withMaxMoves(int value) {
        return new AdvisorSettings(
                targetMaxToMean,
                minImprovement,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                splitTolerance,
                value,
                moveSearchBudget,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withMoveSearchBudget(long value) {
        return new AdvisorSettings(
                targetMaxToMean,
                minImprovement,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                splitTolerance,
                maxMoves,
                value,
                maxAddedPartitions,
                candidateStrategies,
                maxVnodes,
                observedModel);
    }

    public AdvisorSettings withCandidateStrategies(List<String> value) {
        return new AdvisorSettings(
                targetMaxToMean,
                minImprovement,
                dominantKeyShare,
                maxSaltFactor,
                saltSeparator,
                splitTolerance,
                maxMoves,
                moveSearchBudget,
                maxAddedPartitions,
                value,
                maxVnodes,
                observedModel);
    }
}
