package io.partitionanalytics.simulate;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.strategy.ChannelBucketStrategy;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import io.partitionanalytics.partitioners.strategy.GeoStrategy;
import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;
import io.partitionanalytics.partitioners.strategy.KafkaDefaultStrategy;
import io.partitionanalytics.partitioners.strategy.Murmur3ChannelStrategy;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;

/**
 * The coarsest pieces a trace can be summed into for one strategy while every event of a piece still lands on the same
 * partition: a piece is a key plus a {@link #slice} of what else the strategy reads.
 *
 * <p>This is what lets {@code simulate} keep one counter per key instead of every event: hash, ring, jump, range and
 * directory-over-those strategies read only the key, so all of a key's events are one piece. Time strategies read
 * {@code floorDiv(timestamp, bucket.ms)} as well, so a piece is a (key, bucket) pair; geo reads the event's H3 cell at
 * its resolution (or the key when there is no location), so a piece is a (key, cell) pair. A piece is placed by asking
 * the strategy about any one of its events, since all give the same answer.
 */
public sealed interface PlacementGranularity
        permits PlacementGranularity.Key, PlacementGranularity.TimeBucket, PlacementGranularity.GeoRegion {

    /** The part of an event, besides its key, that the strategy's placement depends on. */
    long slice(TraceEvent event);

    /** What a piece is, for reports: {@code "key"}, {@code "key and 60000 ms time bucket"}, ... */
    String describe();

    /** How to show one slice next to its key; empty when slices do not exist. */
    String sliceLabel(long slice);

    /** What the pieces are called in a report column: {@code keys}, {@code key-buckets}, {@code key-cells}. */
    String pieceName();

    /**
     * The granularity of a built strategy.
     *
     * @throws IllegalArgumentException for a strategy type this class does not know (a new strategy must say here what
     *     it reads, or simulating it would silently be wrong)
     */
    static PlacementGranularity of(PartitionStrategy strategy) {
        if (strategy instanceof TimeBucketStrategy t) {
            return new TimeBucket(t.bucketMs());
        }
        if (strategy instanceof ChannelBucketStrategy c) {
            return new TimeBucket(c.bucketMs());
        }
        if (strategy instanceof GeoStrategy g) {
            return new GeoRegion(g);
        }
        if (strategy instanceof DirectoryStrategy d) {
            // Directory entries read only the key, so the fallback's granularity is fine enough for both.
            return of(d.fallback());
        }
        if (strategy instanceof KafkaDefaultStrategy
                || strategy instanceof Murmur3ChannelStrategy
                || strategy instanceof ConsistentHashStrategy
                || strategy instanceof JumpHashStrategy
                || strategy instanceof RangeStrategy) {
            return Key.INSTANCE;
        }
        throw new IllegalArgumentException(
                "simulate does not know what strategy '" + strategy.name() + "' reads besides the key");
    }

    /** The key alone decides. */
    final class Key implements PlacementGranularity {
        static final Key INSTANCE = new Key();

        private Key() {}

        @Override
        public long slice(TraceEvent event) {
            return 0L;
        }

        @Override
        public String describe() {
            return "key";
        }

        @Override
        public String sliceLabel(long slice) {
            return "";
        }

        @Override
        public String pieceName() {
            return "keys";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The key and {@code floorDiv(timestamp, bucketMs)} decide. */
    record TimeBucket(long bucketMs) implements PlacementGranularity {
        @Override
        public long slice(TraceEvent event) {
            return Math.floorDiv(event.timestampMs(), bucketMs);
        }

        @Override
        public String describe() {
            return "key and " + bucketMs + " ms time bucket";
        }

        @Override
        public String sliceLabel(long slice) {
            return "bucket " + slice;
        }

        @Override
        public String pieceName() {
            return "key-buckets";
        }
    }

    /** The key and the event's H3 cell at one resolution decide (the key only matters without a location). */
    final class GeoRegion implements PlacementGranularity {
        private final GeoStrategy regions;

        GeoRegion(GeoStrategy regions) {
            this.regions = regions;
        }

        public int resolution() {
            return regions.resolution();
        }

        @Override
        public long slice(TraceEvent event) {
            return regions.region(event.latitude(), event.longitude());
        }

        @Override
        public String describe() {
            return "key and H3 cell at resolution " + resolution();
        }

        @Override
        public String sliceLabel(long slice) {
            return slice < 0 ? "no location" : "cell " + Long.toHexString(slice);
        }

        @Override
        public String pieceName() {
            return "key-cells";
        }

        // Two geo strategies of one resolution slice identically, whatever their N: one table serves both.
        @Override
        public boolean equals(Object o) {
            return o instanceof GeoRegion other && other.resolution() == resolution();
        }

        @Override
        public int hashCode() {
            return Integer.hashCode(resolution());
        }

        @Override
        public String toString() {
            return describe();
        }
    }
}
