package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.strategy.ChannelBucketStrategy;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import io.partitionanalytics.partitioners.strategy.GeoStrategy;
import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;
import io.partitionanalytics.partitioners.strategy.KafkaDefaultStrategy;
import io.partitionanalytics.partitioners.strategy.Murmur3ChannelStrategy;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A strategy as the advisor reasons about it: the function itself, to place named keys exactly, and what it does to
 * keys it has never seen, to place the residual (see {@link KeyLoadModel}).
 *
 * <p>{@code observed} is not a function; it is modelled by {@link AdvisorSettings#observedModel()} (Kafka's default
 * partitioner unless configured otherwise) wherever new keys must be placed. A {@code directory} behaves like its
 * fallback for every key it does not list.
 */
final class StrategyModel {

    /** How a strategy places a key it has not seen: what its residual does. */
    enum Family {
        /** A uniform hash modulo N: kafka-default, murmur3-channel, channel-bucket. */
        MOD,
        /** Jump consistent hash. */
        JUMP,
        /** A consistent-hash ring. */
        RING,
        /** Event time only: time-bucket. */
        TIME,
        /** Key ranges: where an unknown key falls depends on the key distribution, which is not observed. */
        RANGE,
        /** Location: not observed per key. */
        GEO
    }

    private final String name;
    private final Map<String, String> options;
    private final PartitionStrategy strategy;
    private final PartitionStrategy effective;
    private final Family family;

    private StrategyModel(String name, Map<String, String> options, PartitionStrategy strategy) {
        this.name = name;
        this.options = options;
        this.strategy = strategy;
        this.effective = strategy instanceof DirectoryStrategy d ? d.fallback() : strategy;
        this.family = familyOf(effective);
    }

    /**
     * @throws InvalidStrategyException if the options do not build the strategy at N
     */
    static StrategyModel of(String name, int partitions, Map<String, String> options, AdvisorSettings settings) {
        if (Strategies.OBSERVED.equals(name)) {
            return new StrategyModel(name, Map.of(), Strategies.create(settings.observedModel(), partitions));
        }
        return new StrategyModel(name, options, Strategies.create(name, partitions, options));
    }

    static StrategyModel of(AdviceInput input) {
        return of(input.strategy(), input.numPartitions(), input.strategyOptions(), input.settings());
    }

    private static Family familyOf(PartitionStrategy s) {
        if (s instanceof KafkaDefaultStrategy
                || s instanceof Murmur3ChannelStrategy
                || s instanceof ChannelBucketStrategy) {
            return Family.MOD;
        }
        if (s instanceof JumpHashStrategy) {
            return Family.JUMP;
        }
        if (s instanceof ConsistentHashStrategy) {
            return Family.RING;
        }
        if (s instanceof TimeBucketStrategy) {
            return Family.TIME;
        }
        if (s instanceof RangeStrategy) {
            return Family.RANGE;
        }
        if (s instanceof GeoStrategy) {
            return Family.GEO;
        }
        throw new IllegalArgumentException("no model for strategy " + s);
    }

    /** The name as configured ({@code observed} stays {@code observed}). */
    String name() {
        return name;
    }

    Map<String, String> options() {
        return options;
    }

    /** The function placing keys: the strategy, or the observed model. */
    PartitionStrategy strategy() {
        return strategy;
    }

    /** The strategy deciding for unlisted keys: a directory's fallback, else the strategy itself. */
    PartitionStrategy effective() {
        return effective;
    }

    Family family() {
        return family;
    }

    int partitions() {
        return strategy.numPartitions();
    }

    /** Whether the partition of a key depends on the key alone (given the window's time for channel-bucket). */
    boolean placesByKey() {
        return family == Family.MOD || family == Family.JUMP || family == Family.RING || family == Family.RANGE;
    }

    /**
     * The partition of a key. Event time is the window's start: for channel-bucket that is the bucket of the window as
     * long as windows do not straddle buckets (bucket width a multiple of the window size, as by default).
     */
    int place(byte[] key, long timeMs) {
        return strategy.partition(key, timeMs, Double.NaN, Double.NaN);
    }

    /**
     * How a key never seen spreads over the partitions, or null when that depends on data the snapshot lacks (range,
     * geo). Hashes are uniform; a ring gives each node its ownership; time buckets give each partition its share of the
     * window.
     */
    double[] unknownKeyShares(long windowStartMs, long windowEndMs) {
        int n = partitions();
        return switch (family) {
            case MOD, JUMP -> Spreads.uniform(n);
            case RING -> ((ConsistentHashStrategy) effective).ring().ownership();
            case TIME -> Spreads.timeShares(windowStartMs, windowEndMs, ((TimeBucketStrategy) effective).bucketMs(), n);
            case RANGE, GEO -> null;
        };
    }

    /**
     * The same strategy with the same options at another N, or null if it cannot be built there (explicit range
     * boundaries fit one N only).
     */
    StrategyModel resized(int partitions, AdvisorSettings settings) {
        try {
            return of(name, partitions, options, settings);
        } catch (InvalidStrategyException e) {
            return null;
        }
    }

    /**
     * Where the residual of each partition goes when this strategy becomes {@code other}, the same family at another N
     * or with other ring parameters; null when not modelled (different families are independent: use {@link
     * #unknownKeyShares} instead).
     */
    IntFunction<double[]> residualTransition(StrategyModel other) {
        if (other.family != family) {
            return null;
        }
        int to = other.partitions();
        return switch (family) {
            case MOD -> Spreads.modResize(partitions(), to);
            case JUMP -> to >= partitions() ? Spreads.jumpResize(partitions(), to) : null;
            case RING ->
                Spreads.ringChange(
                        ((ConsistentHashStrategy) effective).ring(),
                        ((ConsistentHashStrategy) other.effective).ring(),
                        to);
            case TIME, RANGE, GEO -> null;
        };
    }
}
