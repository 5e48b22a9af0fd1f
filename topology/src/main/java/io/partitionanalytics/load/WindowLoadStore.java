package io.partitionanalytics.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window loads of every strategy, kept as objects in memory and written to a changelogged key-value store only when
 * Kafka Streams commits: the combine step's partials (updated once per strategy per event, sent and removed at each
 * flush) and the merge step's sums (a partial merged in place, a window removed when it closes). With them, the
 * stream time of each input partition the task follows: the combine task's own, or every partition's watermark at
 * the merge.
 *
 * <p>Why this store exists: writing sketches and arrays through a normal store on every change would serialise them
 * per event (combine) or per partial (merge), and keeping them only in memory would lose them on a crash after their
 * input offsets were committed. Kafka Streams flushes its record caches right before it flushes the producer and
 * commits offsets (the transaction, under exactly_once_v2); this store takes part in that step through
 * {@link CachedStateStore} — the one internal interface this project implements — so its contents reach the
 * changelog in the same transaction as the offsets. After a crash the task restores the changelog and
 * {@link #reload} rebuilds the objects: counts stay exact. Loads and stream times share one changelog, so they are
 * restored from the same point. (The combine step sends its loads on at each commit instead, from
 * {@link #beforeEachCommit}, and its changelog holds stream times only. Under at-least-once the merge step also calls
 * {@link #flushCache} itself, after every record: see {@link LoadMergeProcessor}.)
 */
public final class WindowLoadStore implements StateStore, CachedStateStore<Bytes, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(WindowLoadStore.class);
    /** Changelog keys of stream times: this prefix and the input partition; load keys never start with it. */
    private static final String STREAM_TIME_PREFIX = "~stream-time-";
    /** The one stream time of a combine task as earlier 0.1.0 snapshots wrote it, without its partition. */
    private static final String LEGACY_STREAM_TIME_KEY = "~stream-time";

    private final KeyValueStore<Bytes, byte[]> changelogged;
    private final Map<Long, WindowLoad[]> windows = new HashMap<>();
    /**
     * The loads this store holds (by identity): restored, or changed since. A window's other loads only fill its
     * array (a merge task sums the strategies routed to it, not all).
     */
    private final Set<WindowLoad> heldLoads = new HashSet<>();
    /** Loads changed since the last commit. */
    private final Set<WindowLoad> dirtyLoads = new HashSet<>();
    /** Keys of loads removed since the last commit. */
    private final Set<String> deletedKeys = new HashSet<>();
    /**
     * Keys of loads the changelog holds: only those need a tombstone when removed. (A combine task's loads are sent at
     * each commit before they could be written, so its changelog holds stream times only.)
     */
    private final Set<String> persistedKeys = new HashSet<>();
    /** Run at the start of each commit's flush, before anything is written: see {@link #beforeEachCommit}. */
    private Runnable beforeCommit;
    /** Whether each commit writes the stream times of the commit before it: see {@link #beforeEachCommit}. */
    private boolean streamTimesOneCommitLate;

    private StrategySet strategies;
    /** Stream time by input partition (Long.MIN_VALUE: none yet); an array, as the combine reads it per event. */
    private long[] streamTimesMs = new long[0];
    /** Stream times changed since the last commit. */
    private boolean[] dirtyStreamTimes = new boolean[0];
    /** When written one commit late: the stream times as the last commit saw them, not yet written... */
    private long[] previousCommitStreamTimesMs = new long[0];
    /** ...and which of them had changed by then. */
    private boolean[] previousCommitDirty = new boolean[0];

    private long lastWindowStartMs = Long.MIN_VALUE;
    private WindowLoad[] lastWindow;

    /** Over {@code changelogged}, which {@link #builder} makes a logged in-memory store. */
    WindowLoadStore(KeyValueStore<Bytes, byte[]> changelogged) {
        this.changelogged = changelogged;
    }

    public static StoreBuilder<WindowLoadStore> builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return changelogged.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Registers this store (the root) with the state manager, so that flushCache() below is called on commit.
        changelogged.init(context, root);
    }

    /**
     * Rebuilds the in-memory loads and stream times from the changelogged store: called by the processor at init,
     * after restoration. Loads of strategies no longer configured, or whose partition count changed, are dropped with
     * a warning.
     */
    public void reload(StrategySet strategies) {
        this.strategies = strategies;
        clearCache();
        try (KeyValueIterator<Bytes, byte[]> all = changelogged.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                String key = new String(entry.key.get(), StandardCharsets.UTF_8);
                if (key.startsWith(STREAM_TIME_PREFIX)) {
                    int partition = Integer.parseInt(key.substring(STREAM_TIME_PREFIX.length()));
                    setStreamTime(partition, ByteBuffer.wrap(entry.value).getLong(), false);
                    continue;
                }
                if (key.equals(LEGACY_STREAM_TIME_KEY)) {
                    // This stream time starts again.
                    deletedKeys.add(key);
                    continue;
                }
                WindowLoad load = WindowLoad.fromBytes(entry.value);
                int index = strategies.indexOf(load.strategy());
                if (!fits(load, index)) {
                    log.warn("Dropping restored load {}: strategy no longer configured as it was", load.key());
                    deletedKeys.add(load.key());
                    continue;
                }
                windows.computeIfAbsent(load.windowStartMs(), ws -> new WindowLoad[strategies.size()])[index] = load;
                heldLoads.add(load);
                persistedKeys.add(load.key());
            }
        }
        // Fill the strategies that had nothing in a restored window; window-stable ones share one heavy-keys sketch
        // again (persisted with the carrier's load; with each of them before the carrier was introduced).
        int carrier = strategies.windowHeavyKeysCarrier();
        windows.forEach((ws, loads) -> {
            ItemsSketch<String> shared =
                    carrier >= 0 && loads[carrier] != null ? loads[carrier].windowHeavyKeys() : null;
            for (int i = 0; i < loads.length && shared == null; i++) {
                if (strategies.isWindowStable(i) && loads[i] != null) {
                    shared = loads[i].windowHeavyKeys();
                }
            }
            fillWindow(ws, loads, shared == null ? WindowLoad.newWindowHeavyKeys() : shared);
        });
    }

    /** Whether a load of strategy {@code index} (-1: not configured) can be kept or merged as configured now. */
    public boolean fits(WindowLoad load, int index) {
        return index >= 0 && strategies.numPartitions(index) == load.numPartitions();
    }

    private void fillWindow(long windowStartMs, WindowLoad[] loads, ItemsSketch<String> shared) {
        for (int i = 0; i < loads.length; i++) {
            if (loads[i] == null) {
                loads[i] = new WindowLoad(strategies.name(i), windowStartMs, strategies.numPartitions(i));
            }
        }
        WindowLoad.shareWindowHeavyKeys(loads, strategies, shared);
    }

    /**
     * The loads of every strategy for the window starting at {@code windowStartMs}, created if new, for the caller to
     * change (all of them are written, or sent by {@link #beforeEachCommit}'s action, at the next commit): the
     * combine's hot path.
     */
    public WindowLoad[] window(long windowStartMs) {
        if (windowStartMs == lastWindowStartMs && lastWindow != null) {
            return lastWindow;
        }
        WindowLoad[] loads = loadsOf(windowStartMs);
        Collections.addAll(heldLoads, loads);
        Collections.addAll(dirtyLoads, loads);
        lastWindowStartMs = windowStartMs;
        lastWindow = loads;
        return loads;
    }

    /**
     * Adds a load of strategy {@code index} into this store's load of its strategy and window (only that one reaches
     * the changelog at the next commit): the merge step. The load must {@link #fits fit}.
     */
    public void merge(int index, WindowLoad load) {
        WindowLoad sum = loadsOf(load.windowStartMs())[index];
        sum.merge(load);
        heldLoads.add(sum);
        dirtyLoads.add(sum);
    }

    private WindowLoad[] loadsOf(long windowStartMs) {
        return windows.computeIfAbsent(windowStartMs, ws -> {
            WindowLoad[] fresh = new WindowLoad[strategies.size()];
            fillWindow(ws, fresh, WindowLoad.newWindowHeavyKeys());
            return fresh;
        });
    }

    /** The stream time of an input partition; {@code Long.MIN_VALUE} before its first. */
    public long streamTimeMs(int inputPartition) {
        return inputPartition < streamTimesMs.length ? streamTimesMs[inputPartition] : Long.MIN_VALUE;
    }

    /** Moves an input partition's stream time forward to {@code timestampMs}; false if it was there already. */
    public boolean advanceStreamTime(int inputPartition, long timestampMs) {
        if (timestampMs <= streamTimeMs(inputPartition)) {
            return false;
        }
        setStreamTime(inputPartition, timestampMs, true);
        return true;
    }

    private void setStreamTime(int inputPartition, long timestampMs, boolean dirty) {
        if (inputPartition >= streamTimesMs.length) {
            int from = streamTimesMs.length;
            streamTimesMs = Arrays.copyOf(streamTimesMs, inputPartition + 1);
            dirtyStreamTimes = Arrays.copyOf(dirtyStreamTimes, inputPartition + 1);
            previousCommitStreamTimesMs = Arrays.copyOf(previousCommitStreamTimesMs, inputPartition + 1);
            previousCommitDirty = Arrays.copyOf(previousCommitDirty, inputPartition + 1);
            Arrays.fill(streamTimesMs, from, streamTimesMs.length, Long.MIN_VALUE);
            Arrays.fill(previousCommitStreamTimesMs, from, streamTimesMs.length, Long.MIN_VALUE);
        }
        streamTimesMs[inputPartition] = timestampMs;
        dirtyStreamTimes[inputPartition] |= dirty;
    }

    /** Removes and returns every window's loads (in window order), for sending to the merge step. */
    public List<WindowLoad> drain() {
        return drain(windowStartMs -> true);
    }

    /**
     * Removes the windows {@code which} accepts and returns the loads held of them, in window order and, within a
     * window, in the order of the strategies' names.
     */
    public List<WindowLoad> drain(LongPredicate which) {
        List<Long> drained =
                windows.keySet().stream().filter(which::test).sorted().toList();
        List<WindowLoad> loads = new ArrayList<>();
        for (Long windowStartMs : drained) {
            Stream.of(windows.remove(windowStartMs))
                    .filter(heldLoads::remove)
                    .sorted(Comparator.comparing(WindowLoad::strategy))
                    .forEach(load -> {
                        loads.add(load);
                        dirtyLoads.remove(load);
                        if (persistedKeys.remove(load.key())) {
                            deletedKeys.add(load.key());
                        }
                    });
        }
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
        return loads;
    }

    /**
     * Has {@code action} run at the start of every commit's flush of this store, before it writes anything: the
     * combine step sends its partial loads there, in the commit's transaction, so that they need not be written to
     * the changelog (see {@link LoadCombineProcessor}). {@link #clearCache} removes it.
     *
     * <p>{@code streamTimesOneCommitLate}: what the action sends goes to other partitions than this changelog, so
     * without a transaction (at-least-once) the stream time written after it can reach the broker while the sent loads
     * do not (a crash in the commit's flush). Restored, that stream time would judge the replayed events of those
     * loads late, and drop them. Written one commit late, a stream time counts only events whose loads an earlier
     * commit saw acknowledged before it committed their offsets: replays are counted again instead, as at-least-once
     * allows. Under exactly-once, where the transaction keeps them together, the current stream times are written.
     */
    public void beforeEachCommit(Runnable action, boolean streamTimesOneCommitLate) {
        this.beforeCommit = action;
        this.streamTimesOneCommitLate = streamTimesOneCommitLate;
    }

    @Override
    public void flushCache() {
        if (beforeCommit != null) {
            beforeCommit.run();
        }
        for (String key : deletedKeys) {
            changelogged.delete(bytes(key));
        }
        deletedKeys.clear();
        for (WindowLoad load : dirtyLoads) {
            changelogged.put(bytes(load.key()), load.toBytes());
            persistedKeys.add(load.key());
        }
        dirtyLoads.clear();
        // The next event must mark its window's loads dirty again.
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
        // Stream times last: under at-least-once, where a crash can keep only the first writes of a flush to this
        // changelog, a combine task then restarts from its earlier stream time and counts its replayed events again
        // rather than drop them as late. (The merge writes a watermark on its own before the windows it closes:
        // LoadMergeProcessor. Loads sent elsewhere: beforeEachCommit.)
        for (int p = 0; p < streamTimesMs.length; p++) {
            if (streamTimesOneCommitLate) {
                if (previousCommitDirty[p]) {
                    writeStreamTime(p, previousCommitStreamTimesMs[p]);
                }
                previousCommitStreamTimesMs[p] = streamTimesMs[p];
                previousCommitDirty[p] = dirtyStreamTimes[p];
            } else if (dirtyStreamTimes[p]) {
                writeStreamTime(p, streamTimesMs[p]);
            }
            dirtyStreamTimes[p] = false;
        }
    }

    private void writeStreamTime(int inputPartition, long timestampMs) {
        changelogged.put(
                bytes(STREAM_TIME_PREFIX + inputPartition),
                ByteBuffer.allocate(8).putLong(timestampMs).array());
    }

    @Override
    public void clearCache() {
        // Kafka Streams calls this when it recycles the task (active to standby or back); reload(), which every
        // processor init calls, rebuilds the state from the changelogged store.
        streamTimesMs = new long[0];
        dirtyStreamTimes = new boolean[0];
        previousCommitStreamTimesMs = new long[0];
        previousCommitDirty = new boolean[0];
        windows.clear();
        heldLoads.clear();
        dirtyLoads.clear();
        deletedKeys.clear();
        persistedKeys.clear();
        beforeCommit = null;
        streamTimesOneCommitLate = false;
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        changelogged.flush();
    }

    @Override
    public void close() {
        changelogged.close();
    }

    @Override
    public boolean persistent() {
        return changelogged.persistent();
    }

    @Override
    public boolean isOpen() {
        return changelogged.isOpen();
    }

    private static Bytes bytes(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Builder implements StoreBuilder<WindowLoadStore> {
        private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

        Builder(String name) {
            this.inner = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withCachingDisabled()
                    .withLoggingEnabled(Map.of());
        }

        @Override
        public StoreBuilder<WindowLoadStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the window load store is its own cache");
        }

        @Override
        public StoreBuilder<WindowLoadStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WindowLoadStore> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<WindowLoadStore> withLoggingDisabled() {
            throw new UnsupportedOperationException("window loads must be changelogged to stay exact across crashes");
        }

        @Override
        public WindowLoadStore build() {
            return new WindowLoadStore(inner.build());
        }

        @Override
        public Map<String, String> logConfig() {
            return inner.logConfig();
        }

        @Override
        public boolean loggingEnabled() {
            return inner.loggingEnabled();
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
