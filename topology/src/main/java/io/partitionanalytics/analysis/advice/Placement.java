package io.partitionanalytics.analysis.advice;

/**
 * A what-if: where the traffic of a {@link KeyLoadModel} would go after a change. Shares are arrays over the partitions
 * after the change that sum to 1; a key or residual that keeps its partition number has its whole share at that index.
 * Null stands for "stays where it is", so that a change touching one key costs O(N), not O(N²), to predict. Arrays
 * returned are only read.
 */
interface Placement {

    /** Number of partitions after the change. */
    int partitions();

    /**
     * How a heavy key's events spread after the change (one partition for key-placed strategies, several for a salted
     * key or a time strategy), or null if it stays on its partition.
     */
    double[] keyShares(KeyLoadModel.HeavyKey key);

    /** How the residual of partition {@code partition} (before the change) spreads after it, or null if it stays. */
    double[] residualShares(int partition);
}
