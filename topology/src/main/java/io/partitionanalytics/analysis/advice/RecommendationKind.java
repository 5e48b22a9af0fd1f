package io.partitionanalytics.analysis.advice;

/**
 * The kinds of rebalance recommendation, in the order the {@link Advisor} runs them and reports them. The names are
 * those of the {@code RecommendationKind} Avro enum, so that the Kafka side maps them with {@code valueOf(name())}.
 */
public enum RecommendationKind {
    /** Move partitions between nodes; the partitioning of keys stays as it is. */
    MOVE_PARTITIONS,
    /** Split the hottest key range (range) or time bucket (time-bucket) in two. */
    SPLIT_RANGE,
    /** Spread one dominant key over k sub-keys. */
    SALT_KEY,
    /** Pin one dominant key to a partition of its own choosing through the directory strategy. */
    ISOLATE_KEY,
    /** Grow the number of partitions of the same strategy. */
    ADD_PARTITIONS,
    /** Switch to another partitioning strategy. */
    CHANGE_STRATEGY,
    /** Change the number of virtual nodes of a consistent-hash ring. */
    ADJUST_VNODES
}
