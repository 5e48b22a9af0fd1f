package io.partitionanalytics.analysis;

/**
 * How evenly a load spreads over the N partitions of one strategy: total, mean, hottest partition, peak/mean and the
 * coefficient of variation.
 *
 * <p>The mean is the total divided by all N partitions, empty ones included (as everywhere in this product): an idle
 * partition is capacity that the skew wastes, so leaving it out would understate the problem. The coefficient of
 * variation is the population standard deviation over the mean, population because the N partitions are all there is,
 * not a sample. With no load at all there is no skew: peak/mean and the coefficient are 0 rather than NaN, so that
 * reports and JSON stay well-formed.
 */
public final class LoadStatistics {

    private final long[] loads;
    private final long total;
    private final double mean;
    private final int hottestPartition;
    private final double standardDeviation;

    private LoadStatistics(long[] loads) {
        this.loads = loads;
        long sum = 0;
        int hottest = 0;
        for (int p = 0; p < loads.length; p++) {
            if (loads[p] < 0) {
                throw new IllegalArgumentException("load of partition " + p + " is negative: " + loads[p]);
            }
            sum = Math.addExact(sum, loads[p]);
            if (loads[p] > loads[hottest]) {
                hottest = p;
            }
        }
        this.total = sum;
        this.mean = (double) sum / loads.length;
        this.hottestPartition = hottest;
        // Two passes (mean first, then squared deviations) stay accurate where sum-of-squares minus square-of-sum
        // cancels catastrophically for large, nearly equal loads.
        double squares = 0;
        for (long load : loads) {
            double d = load - mean;
            squares += d * d;
        }
        this.standardDeviation = Math.sqrt(squares / loads.length);
    }

    /**
     * @param loads the load of each partition, index = partition number; at least one partition, none negative
     * @throws IllegalArgumentException on an empty array or a negative load
     */
    public static LoadStatistics of(long[] loads) {
        if (loads.length == 0) {
            throw new IllegalArgumentException("a strategy has at least one partition");
        }
        return new LoadStatistics(loads.clone());
    }

    /** N, the number of partitions, empty ones included. */
    public int partitions() {
        return loads.length;
    }

    public long load(int partition) {
        return loads[partition];
    }

    /** Every partition's load (a copy). */
    public long[] loads() {
        return loads.clone();
    }

    public long total() {
        return total;
    }

    /** Total / N. */
    public double mean() {
        return mean;
    }

    /** The largest load of a partition. */
    public long max() {
        return loads[hottestPartition];
    }

    /** The partition with the largest load; the lowest-numbered one when several tie. */
    public int hottestPartition() {
        return hottestPartition;
    }

    /** Max / mean: 1.0 is perfectly even, N is everything on one partition; 0 without load. */
    public double peakToMean() {
        return total == 0 ? 0.0 : max() / mean;
    }

    /** Population standard deviation of the partition loads. */
    public double standardDeviation() {
        return standardDeviation;
    }

    /** Standard deviation / mean; 0 without load. */
    public double coefficientOfVariation() {
        return total == 0 ? 0.0 : standardDeviation / mean;
    }

    /** A partition's load over the mean (the hotspot ratio); 0 without load. */
    public double ratio(int partition) {
        return total == 0 ? 0.0 : loads[partition] / mean;
    }

    /** A partition's fraction of the total; 0 without load. */
    public double share(int partition) {
        return total == 0 ? 0.0 : (double) loads[partition] / total;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "LoadStatistics(N=%d, total=%d, max=%d at p%d, peak/mean=%.3f, cv=%.3f)",
                loads.length,
                total,
                max(),
                hottestPartition,
                peakToMean(),
                coefficientOfVariation());
    }
}
