package io.partitionanalytics.analysis.advice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns one strategy's closed window into rebalance recommendations: runs every rule and returns what they propose,
 * ordered by {@link RecommendationKind} (then by each rule's own order). Stateless and deterministic: the same input
 * gives the same recommendations, ids included. Rate limiting is the caller's, with a {@link RecommendationLimiter}.
 *
 * <p>Each rule checks for itself whether it has anything to fix (peak/mean above the target, over partitions or over
 * nodes), so an even load gives no advice. Thread-safe.
 */
public final class Advisor {

    private final List<RecommendationRule> rules;

    /** An advisor with {@link #defaultRules()}. */
    public Advisor() {
        this(defaultRules());
    }

    public Advisor(List<RecommendationRule> rules) {
        List<RecommendationRule> sorted = new ArrayList<>(rules);
        // Stable: rules of the same kind keep the order given.
        sorted.sort(Comparator.comparing(RecommendationRule::kind));
        this.rules = List.copyOf(sorted);
    }

    /** One rule per kind. */
    public static List<RecommendationRule> defaultRules() {
        return List.of(
                new MovePartitionsRule(),
                new SplitRangeRule(),
                new SaltKeyRule(),
                new IsolateKeyRule(),
                new AddPartitionsRule(),
                new ChangeStrategyRule(),
                new AdjustVnodesRule());
    }

    /**
     * @throws io.partitionanalytics.partitioners.InvalidStrategyException if the input's strategy options do not build
     *     its strategy (start-up validation of the configuration rules this out)
     */
    public List<Recommendation> advise(AdviceInput input) {
        if (input.snapshot().totalEvents() == 0) {
            return List.of();
        }
        List<Recommendation> out = new ArrayList<>();
        for (RecommendationRule rule : rules) {
            out.addAll(rule.propose(input));
        }
        return List.copyOf(out);
    }
}
