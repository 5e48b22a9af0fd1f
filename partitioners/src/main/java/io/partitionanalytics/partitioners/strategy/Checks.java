package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.InvalidStrategyException;

/** Argument checks shared by the strategies' constructors, so that each failure names its strategy and option. */
final class Checks {

    private Checks() {}

    static int partitions(String strategy, int numPartitions) {
        if (numPartitions <= 0) {
            throw new InvalidStrategyException(
                    strategy,
                    InvalidStrategyException.PARTITIONS,
                    "the number of partitions must be > 0, got " + numPartitions);
        }
        return numPartitions;
    }

    static long positive(String strategy, String option, long value) {
        if (value <= 0) {
            throw new InvalidStrategyException(strategy, option, "must be > 0, got " + value);
        }
        return value;
    }
}
