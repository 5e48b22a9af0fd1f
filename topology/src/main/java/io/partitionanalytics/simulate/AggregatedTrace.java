package io.partitionanalytics.simulate;

import io.partitionanalytics.analysis.KeyTraffic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A trace summed into pieces, once per {@link PlacementGranularity} that the simulated strategies need, plus per key
 * (always: top keys and key counts are per key). Memory grows with the distinct pieces, not the events: one counter per
 * key for key strategies, one per (key, bucket) pair for time strategies.
 */
public final class AggregatedTrace implements Consumer<TraceEvent> {

    private final Map<PlacementGranularity, Map<PieceId, TraceUnit>> tables = new LinkedHashMap<>();
    private long events;
    private long bytes;
    private long located;
    private long firstTimestampMs = Long.MAX_VALUE;
    private long lastTimestampMs = Long.MIN_VALUE;
    private List<KeyTraffic> keys;

    public AggregatedTrace(Collection<PlacementGranularity> granularities) {
        tables.put(PlacementGranularity.Key.INSTANCE, new HashMap<>());
        for (PlacementGranularity g : granularities) {
            tables.putIfAbsent(g, new HashMap<>());
        }
    }

    @Override
    public void accept(TraceEvent event) {
        events++;
        bytes += event.bytes();
        if (event.hasLocation()) {
            located++;
        }
        firstTimestampMs = Math.min(firstTimestampMs, event.timestampMs());
        lastTimestampMs = Math.max(lastTimestampMs, event.timestampMs());
        for (Map.Entry<PlacementGranularity, Map<PieceId, TraceUnit>> table : tables.entrySet()) {
            long slice = table.getKey().slice(event);
            TraceUnit unit = table.getValue()
                    .computeIfAbsent(new PieceId(event.key(), slice), id -> new TraceUnit(id.key, id.slice, event));
            unit.add(event.bytes());
        }
        keys = null;
    }

    /** The pieces of one granularity (one given to the constructor, or {@link PlacementGranularity.Key}). */
    public Collection<TraceUnit> units(PlacementGranularity granularity) {
        Map<PieceId, TraceUnit> table = tables.get(granularity);
        if (table == null) {
            throw new IllegalArgumentException("the trace was not summed by " + granularity.describe());
        }
        return table.values();
    }

    /** Every key's traffic (in no particular order). */
    public List<KeyTraffic> keys() {
        if (keys == null) {
            Collection<TraceUnit> units = units(PlacementGranularity.Key.INSTANCE);
            List<KeyTraffic> list = new ArrayList<>(units.size());
            for (TraceUnit u : units) {
                list.add(new KeyTraffic(u.key(), u.events(), u.bytes()));
            }
            keys = list;
        }
        return keys;
    }

    public long events() {
        return events;
    }

    public long bytes() {
        return bytes;
    }

    public long distinctKeys() {
        return tables.get(PlacementGranularity.Key.INSTANCE).size();
    }

    /** Events that carry a location. */
    public long locatedEvents() {
        return located;
    }

    /** Earliest event time, or {@code null} for an empty trace. */
    public Long firstTimestampMs() {
        return events == 0 ? null : firstTimestampMs;
    }

    /** Latest event time, or {@code null} for an empty trace. */
    public Long lastTimestampMs() {
        return events == 0 ? null : lastTimestampMs;
    }

    /** A piece's identity: key bytes by content, and the slice. */
    private static final class PieceId {
        private final byte[] key;
        private final long slice;
        private final int hash;

        PieceId(byte[] key, long slice) {
            this.key = key;
            this.slice = slice;
            this.hash = 31 * Arrays.hashCode(key) + Long.hashCode(slice);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PieceId other && other.slice == slice && Arrays.equals(other.key, key);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
