package io.partitionanalytics.simulate;

import io.partitionanalytics.analysis.Traffic;
import io.partitionanalytics.partitioners.PartitionStrategy;

/**
 * The summed traffic of one piece of a trace at one {@link PlacementGranularity}: a key, or a key within a time bucket
 * or H3 cell. It keeps the time and location of its first event as the sample that the strategy is asked about; any
 * event of the piece would give the same partition.
 */
public final class TraceUnit implements Traffic {

    private final byte[] key;
    private final long slice;
    private final long sampleTimestampMs;
    private final double sampleLatitude;
    private final double sampleLongitude;
    private long events;
    private long bytes;

    TraceUnit(byte[] key, long slice, TraceEvent first) {
        this.key = key;
        this.slice = slice;
        this.sampleTimestampMs = first.timestampMs();
        this.sampleLatitude = first.latitude();
        this.sampleLongitude = first.longitude();
    }

    void add(long eventBytes) {
        events++;
        bytes += eventBytes;
    }

    /** The key's bytes (not a copy). */
    public byte[] key() {
        return key;
    }

    public long slice() {
        return slice;
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    /** The partition of this piece under {@code strategy} (one of the granularity it was summed for). */
    public int place(PartitionStrategy strategy) {
        return strategy.partition(key, sampleTimestampMs, sampleLatitude, sampleLongitude);
    }
}
