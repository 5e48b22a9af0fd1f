package io.partitionanalytics.analysis.advice;

import java.util.List;

/**
 * One kind of recommendation: looks at the input and proposes zero or more plans of its kind. Rules are pure functions
 * of their input (no state, no clock, no randomness), so that the same input always gives the same advice.
 */
public interface RecommendationRule {

    /** The kind of every recommendation this rule proposes. */
    RecommendationKind kind();

    /** Plans of this rule's kind for the input, best first; empty when nothing of this kind would help. */
    List<Recommendation> propose(AdviceInput input);
}
