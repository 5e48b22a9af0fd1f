package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import java.util.List;

/** Builds recommendations with the fields every kind shares: id, trigger, window, rates. */
final class Proposals {

    /** Floating-point slack when comparing a predicted ratio with the target, so that 1.2000000001 meets 1.2. */
    static final double EPSILON = 1e-9;

    private Proposals() {}

    /** Whether a predicted peak/mean reaches the target. */
    static boolean meetsTarget(double afterMaxToMean, AdvisorSettings settings) {
        return afterMaxToMean <= settings.targetMaxToMean() + EPSILON;
    }

    /**
     * Whether a plan that misses the target is still worth proposing: it lowers the peak/mean by at least {@link
     * AdvisorSettings#minImprovement()}.
     */
    static boolean worthAsPartial(double before, double after, AdvisorSettings settings) {
        return after <= before * (1 - settings.minImprovement()) + EPSILON;
    }

    /** A recommendation from a prediction over partitions. */
    static Recommendation of(
            AdviceInput input,
            RecommendationKind kind,
            List<Action> actions,
            LoadStatistics before,
            Prediction after,
            String rationale) {
        double seconds = input.windowSeconds();
        return of(
                input,
                kind,
                actions,
                before.peakToMean(),
                after.maxToMean(),
                before.coefficientOfVariation(),
                after.cv(),
                after.movedKeyFraction(),
                seconds == 0 ? 0.0 : after.movedEvents() / seconds,
                seconds == 0 ? 0.0 : after.movedBytes() / seconds,
                rationale,
                null);
    }

    static Recommendation of(
            AdviceInput input,
            RecommendationKind kind,
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
        return new Recommendation(
                Recommendation.idOf(input.strategy(), kind, input.snapshot().windowEndMs(), actions),
                kind,
                input.strategy(),
                input.triggerAlertId(),
                input.snapshot().windowEndMs(),
                actions,
                beforeMaxToMean,
                afterMaxToMean,
                beforeCv,
                afterCv,
                movedKeyFraction,
                movedEventsPerSec,
                movedBytesPerSec,
                rationale,
                reassignmentJson);
    }

    /** The cost clause of a prediction's rationale. */
    static String cost(AdviceInput input, Prediction after) {
        double seconds = input.windowSeconds();
        return Text.cost(
                after.movedKeyFraction(),
                after.movedEventFraction(),
                seconds == 0 ? 0 : after.movedEvents() / seconds,
                seconds == 0 ? 0 : after.movedBytes() / seconds);
    }

    /** The statistics of the window as measured. */
    static LoadStatistics before(AdviceInput input) {
        long[] events = new long[input.numPartitions()];
        for (int p = 0; p < events.length; p++) {
            events[p] = input.snapshot().partitions().get(p).events();
        }
        return LoadStatistics.of(events);
    }
}
