package io.partitionanalytics.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The combine step's partial loads: plain arrays in memory, updated once per strategy per event without serialising
 * anything, and written to a changelogged key-value store only when Kafka Streams commits.
 *
 * <p>Why this store exists: writing sketches and arrays through a normal store on every event would serialise them
 * per event, and keeping them only in memory would lose them on a crash after their input offsets were committed.
 * Kafka Streams flushes its record caches right before it flushes the producer and commits offsets (the
 * transaction, under exactly_once_v2); this store takes part in that step through {@link CachedStateStore} — the
 * one internal interface this project implements — so its contents reach the changelog in the same transaction as
 * the offsets. After a crash the task restores the changelog and {@link #reload()} rebuilds the arrays: counts stay
 * exact.
 */
public final class PartialLoadStore implements StateStore, CachedStateStore<Bytes, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(PartialLoadStore.class);
    private static final Bytes STREAM_TIME_KEY = Bytes.wrap("~stream-time".getBytes(StandardCharsets.UTF_8));

    private final KeyValueStore<Bytes, byte[]> changelogged;
    private final Map<Long, WindowLoad[]> windows = new HashMap<>();
    private final Set<Long> dirtyWindows = new HashSet<>();
    private final Set<String> deletedKeys = new HashSet<>();
    private StrategySet strategies;
    private long streamTimeMs = Long.MIN_VALUE;
    private boolean streamTimeDirty;
    private long lastWindowStartMs = Long.MIN_VALUE;
    private WindowLoad[] lastWindow;

    private PartialLoadStore(KeyValueStore<Bytes, byte[]> changelogged) {
        this.changelogged = changelogged;
    }

    public static StoreBuilder<PartialLoadStore> builder(String name) {
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
     * Rebuilds the in-memory arrays from the changelogged store: called by the processor at init, after restoration.
     * Entries of strategies no longer configured, or whose partition count changed, are dropped with a warning.
     */
    public void reload(StrategySet strategies) {
        this.strategies = strategies;
        windows.clear();
        dirtyWindows.clear();
        deletedKeys.clear();
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
        byte[] time = changelogged.get(STREAM_TIME_KEY);
        streamTimeMs =
                time == null ? Long.MIN_VALUE : java.nio.ByteBuffer.wrap(time).getLong();
        streamTimeDirty = false;
        try (KeyValueIterator<Bytes, byte[]> all = changelogged.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, byte[]> entry = all.next();
                if (entry.key.equals(STREAM_TIME_KEY)) {
                    continue;
                }
                WindowLoad load = WindowLoad.fromBytes(entry.value);
                int index = strategies.indexOf(load.strategy());
                if (index < 0 || strategies.numPartitions(index) != load.numPartitions()) {
                    log.warn("Dropping restored partial load {}: strategy no longer configured as it was", load.key());
                    deletedKeys.add(load.key());
                    continue;
                }
                windows.computeIfAbsent(load.windowStartMs(), ws -> new WindowLoad[strategies.size()])[index] = load;
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

    private void fillWindow(long windowStartMs, WindowLoad[] loads, ItemsSketch<String> shared) {
        for (int i = 0; i < loads.length; i++) {
            if (loads[i] == null) {
                loads[i] = new WindowLoad(strategies.name(i), windowStartMs, strategies.numPartitions(i));
            }
        }
        WindowLoad.shareWindowHeavyKeys(loads, strategies, shared);
    }

    /** The loads of every strategy for the window starting at {@code windowStartMs}, created if new: the hot path. */
    public WindowLoad[] window(long windowStartMs) {
        if (windowStartMs == lastWindowStartMs && lastWindow != null) {
            return lastWindow;
        }
        WindowLoad[] loads = windows.computeIfAbsent(windowStartMs, ws -> {
            WindowLoad[] fresh = new WindowLoad[strategies.size()];
            fillWindow(ws, fresh, WindowLoad.newWindowHeavyKeys());
            return fresh;
        });
        dirtyWindows.add(windowStartMs);
        lastWindowStartMs = windowStartMs;
        lastWindow = loads;
        return loads;
    }

    public long streamTimeMs() {
        return streamTimeMs;
    }

    public void advanceStreamTime(long timestampMs) {
        if (timestampMs > streamTimeMs) {
            streamTimeMs = timestampMs;
            streamTimeDirty = true;
        }
    }

    /** Removes and returns every window's loads (in window order), for sending to the merge step. */
    public List<WindowLoad> drain() {
        List<WindowLoad> drained = new ArrayList<>();
        windows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            for (WindowLoad load : entry.getValue()) {
                drained.add(load);
                deletedKeys.add(load.key());
            }
        });
        windows.clear();
        dirtyWindows.clear();
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
        return drained;
    }

    @Override
    public void flushCache() {
        for (String key : deletedKeys) {
            changelogged.delete(bytes(key));
        }
        deletedKeys.clear();
        for (Long ws : dirtyWindows) {
            WindowLoad[] loads = windows.get(ws);
            if (loads != null) {
                for (WindowLoad load : loads) {
                    changelogged.put(bytes(load.key()), load.toBytes());
                }
            }
        }
        dirtyWindows.clear();
        // The next event must mark its window dirty again.
        lastWindow = null;
        lastWindowStartMs = Long.MIN_VALUE;
        if (streamTimeDirty) {
            changelogged.put(
                    STREAM_TIME_KEY,
                    java.nio.ByteBuffer.allocate(8).putLong(streamTimeMs).array());
            streamTimeDirty = false;
        }
    }

    @Override
    public void clearCache() {
        // Called when the task is closed dirty: the in-memory state is discarded; reload() rebuilds it.
        windows.clear();
        dirtyWindows.clear();
        deletedKeys.clear();
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

    private static final class Builder implements StoreBuilder<PartialLoadStore> {
        private final StoreBuilder<KeyValueStore<Bytes, byte[]>> inner;

        Builder(String name) {
            this.inner = Stores.keyValueStoreBuilder(
                            Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                    .withCachingDisabled()
                    .withLoggingEnabled(Map.of());
        }

        @Override
        public StoreBuilder<PartialLoadStore> withCachingEnabled() {
            throw new UnsupportedOperationException("the partial load store is its own cache");
        }

        @Override
        public StoreBuilder<PartialLoadStore> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<PartialLoadStore> withLoggingEnabled(Map<String, String> config) {
            inner.withLoggingEnabled(config);
            return this;
        }

        @Override
        public StoreBuilder<PartialLoadStore> withLoggingDisabled() {
            throw new UnsupportedOperationException("partial loads must be changelogged to stay exact across crashes");
        }

        @Override
        public PartialLoadStore build() {
            return new PartialLoadStore(inner.build());
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
