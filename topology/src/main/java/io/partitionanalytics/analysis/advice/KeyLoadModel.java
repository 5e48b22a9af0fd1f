package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.load.LoadSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The traffic of one window as the advisor re-places it: the heavy keys the snapshot names, each placed exactly, and
 * per partition a <em>residual</em>, the events of the keys too small to be named.
 *
 * <p><b>The model.</b> The frequent-items sketch guarantees that any key it does not list has at most {@code
 * topKeysMaxError} events in its partition, and the distinct-key estimate says how many keys there are. So the residual
 * of a partition, {@code events - sum(listed estimates)}, is treated as many small keys whose individual placement is
 * unknown: a prediction spreads it by the distribution the change implies for an unknown key of that partition (see
 * {@link Placement#residualShares}). This is accurate when the residual is made of many keys, and optimistic when it is
 * made of few keys that are just below the sketch's threshold: a residual of 3 keys cannot spread over 12 partitions.
 *
 * <p><b>Adjustments.</b> Listed estimates can add up to more than the partition's exact count (each estimate may
 * overcount by up to the error bound); they are then scaled down together so that the partition's total stays exact
 * and its residual is 0. Bytes per key are not measured: a key is given its partition's bytes per event. Keys are the
 * snapshot's text; they are turned back into bytes as UTF-8, which is what the pipeline decoded them from (binary keys
 * that are not valid UTF-8 do not round-trip and would be placed wrongly).
 *
 * <p>A key can be listed on several partitions when the strategy also looks at event time (time-bucket,
 * channel-bucket, geo): each (key, partition) is then one {@link HeavyKey}.
 */
public final class KeyLoadModel {

    /**
     * A named heavy key on one partition.
     *
     * @param key the key as the snapshot names it
     * @param keyBytes its UTF-8 bytes, what strategies hash (not copied; do not modify)
     * @param partition where the snapshot saw it
     * @param events its events there (the sketch's estimate, adjusted as the class comment says)
     * @param bytes its payload bytes there (the partition's bytes per event times {@code events})
     * @param lowerBound the sketch's lower bound on its events
     * @param upperBound the sketch's upper bound on its events
     */
    public record HeavyKey(
            String key,
            byte[] keyBytes,
            int partition,
            double events,
            double bytes,
            long lowerBound,
            long upperBound) {}

    private final LoadSnapshot snapshot;
    private final List<HeavyKey> heavyKeys;
    private final List<List<HeavyKey>> byPartition;
    private final double[] residualEvents;
    private final double[] residualBytes;
    private final double[] residualKeys;
    private final double totalKeys;

    private KeyLoadModel(LoadSnapshot snapshot) {
        this.snapshot = snapshot;
        int n = snapshot.numPartitions();
        residualEvents = new double[n];
        residualBytes = new double[n];
        residualKeys = new double[n];
        List<HeavyKey> all = new ArrayList<>();
        List<List<HeavyKey>> partitions = new ArrayList<>(n);
        double keys = 0;
        for (int p = 0; p < n; p++) {
            LoadSnapshot.Partition load = snapshot.partitions().get(p);
            double listed = 0;
            for (LoadSnapshot.Key k : load.topKeys()) {
                listed += Math.max(0, k.events());
            }
            double scale = listed > load.events() ? load.events() / listed : 1.0;
            double bytesPerEvent = load.events() == 0 ? 0.0 : (double) load.bytes() / load.events();
            List<HeavyKey> here = new ArrayList<>(load.topKeys().size());
            double heavyEvents = 0;
            for (LoadSnapshot.Key k : load.topKeys()) {
                double events = Math.max(0, k.events()) * scale;
                heavyEvents += events;
                here.add(new HeavyKey(
                        k.key(),
                        k.key().getBytes(StandardCharsets.UTF_8),
                        p,
                        events,
                        events * bytesPerEvent,
                        k.lowerBound(),
                        k.upperBound()));
            }
            residualEvents[p] = Math.max(0, load.events() - heavyEvents);
            residualBytes[p] = residualEvents[p] * bytesPerEvent;
            // The HLL estimate can fall below the number of keys listed; the listed ones certainly exist.
            long distinct = Math.max(load.distinctKeys(), here.size());
            residualKeys[p] = residualEvents[p] > 0 ? Math.max(1, distinct - here.size()) : 0;
            keys += here.size() + residualKeys[p];
            all.addAll(here);
            partitions.add(Collections.unmodifiableList(here));
        }
        this.heavyKeys = Collections.unmodifiableList(all);
        this.byPartition = Collections.unmodifiableList(partitions);
        this.totalKeys = keys;
    }

    /** The model of a snapshot. */
    public static KeyLoadModel of(LoadSnapshot snapshot) {
        return new KeyLoadModel(snapshot);
    }

    public LoadSnapshot snapshot() {
        return snapshot;
    }

    /** N of the snapshot. */
    public int partitions() {
        return snapshot.numPartitions();
    }

    /** The exact events of a partition. */
    public long events(int partition) {
        return snapshot.partitions().get(partition).events();
    }

    /** Every partition's exact events, index = partition. */
    public long[] events() {
        long[] out = new long[partitions()];
        for (int p = 0; p < out.length; p++) {
            out[p] = events(p);
        }
        return out;
    }

    /** Every heavy key, by partition, heaviest first within a partition (the snapshot's order). */
    public List<HeavyKey> heavyKeys() {
        return heavyKeys;
    }

    /** The heavy keys of one partition, heaviest first. */
    public List<HeavyKey> heavyKeys(int partition) {
        return byPartition.get(partition);
    }

    /** Events of a partition not accounted for by its heavy keys. */
    public double residualEvents(int partition) {
        return residualEvents[partition];
    }

    public double residualBytes(int partition) {
        return residualBytes[partition];
    }

    /** Estimated number of keys making up a partition's residual (at least 1 when it has events). */
    public double residualKeys(int partition) {
        return residualKeys[partition];
    }

    /** Share of all events that the residual makes up (0 without events). */
    public double residualShare() {
        double residual = 0;
        for (double r : residualEvents) {
            residual += r;
        }
        return snapshot.totalEvents() == 0 ? 0.0 : residual / snapshot.totalEvents();
    }

    /** Estimated keys in all: heavy (key, partition) pairs plus residual keys. */
    public double totalKeys() {
        return totalKeys;
    }

    public double totalEvents() {
        return snapshot.totalEvents();
    }

    public double totalBytes() {
        return snapshot.totalBytes();
    }
}
