package io.partitionanalytics.partitioners.strategy;

import com.uber.h3core.H3Core;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.hash.Murmur3;
import java.io.IOException;

/**
 * {@code geo}: geographic partitioning on Uber's H3 grid. Events from the same area land together, so the partitions
 * of busy cities run hot while oceans stay idle: what geo sharding costs is what this strategy measures.
 *
 * <p>Region rule: the region of an event is the H3 cell of resolution R containing its latitude/longitude ({@code
 * latLngToCell}); the partition is {@code toPositive(murmur3_x86_32(cell id as 8 big-endian bytes, seed 0)) % N}.
 * Hashing the cell id (rather than numbering cells) spreads regions evenly over partitions while keeping each region
 * whole, and needs no table. Events without a usable location (NaN or infinite coordinates, latitude outside [-90, 90])
 * fall back to the {@code murmur3-channel} partition of their key, so they spread like keyed traffic instead of piling
 * onto one partition.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code resolution} (int in 0..15, default {@value #DEFAULT_RESOLUTION}): the H3 resolution of a region. 0 has
 *       122 cells of ~4.4 million km²; each step divides a cell's area by 7; 3 is ~12,000 km² (a metropolitan area),
 *       5 is ~250 km² (a district).
 * </ul>
 *
 * <p>H3's native library is loaded once per JVM, on first use.
 */
public final class GeoStrategy implements PartitionStrategy {

    public static final String NAME = "geo";
    public static final String RESOLUTION = "resolution";
    public static final int DEFAULT_RESOLUTION = 3;
    public static final int MIN_RESOLUTION = 0;
    public static final int MAX_RESOLUTION = 15;

    private final int numPartitions;
    private final int resolution;
    private final H3Core h3;

    public GeoStrategy(int numPartitions, int resolution) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
        if (resolution < MIN_RESOLUTION || resolution > MAX_RESOLUTION) {
            throw new InvalidStrategyException(
                    NAME,
                    RESOLUTION,
                    "H3 resolution must be in " + MIN_RESOLUTION + ".." + MAX_RESOLUTION + ", got " + resolution);
        }
        this.resolution = resolution;
        this.h3 = H3Holder.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    public int resolution() {
        return resolution;
    }

    /** The region of a location: its H3 cell at this strategy's resolution, or -1 when the location is unusable. */
    public long region(double latitude, double longitude) {
        if (!hasLocation(latitude, longitude)) {
            return -1L;
        }
        return h3.latLngToCell(latitude, longitude, resolution);
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        if (!hasLocation(latitude, longitude)) {
            return Murmur3.toPositive(Murmur3.hash32x86(key, 0, key.length, 0)) % numPartitions;
        }
        long cell = h3.latLngToCell(latitude, longitude, resolution);
        return Murmur3.toPositive(Murmur3.hash32x86OfLong(cell, 0)) % numPartitions;
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ", resolution=" + resolution + ")";
    }

    private static boolean hasLocation(double latitude, double longitude) {
        // NaN fails both comparisons; longitudes of any finite size are valid (H3 wraps them).
        return latitude >= -90.0 && latitude <= 90.0 && Double.isFinite(longitude);
    }

    /** Loads the native library at most once, and only when a geo strategy is actually built. */
    private static final class H3Holder {
        private static volatile H3Core instance;

        static H3Core get() {
            H3Core h3 = instance;
            if (h3 == null) {
                synchronized (H3Holder.class) {
                    h3 = instance;
                    if (h3 == null) {
                        try {
                            h3 = H3Core.newInstance();
                        } catch (IOException | UnsatisfiedLinkError e) {
                            throw new IllegalStateException(
                                    "geo: cannot load H3's native library for this platform (" + e + ")", e);
                        }
                        instance = h3;
                    }
                }
            }
            return h3;
        }
    }
}
