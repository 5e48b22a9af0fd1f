package io.partitionanalytics.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Adds up the partial loads of every task per (strategy, window) and, once every input partition's watermark has
 * passed a window's end plus grace, emits the window as a {@link LoadSnapshot} keyed by strategy (every partition,
 * empty ones included, with share and ratio to the mean), in window order per strategy, and keeps the strategy's
 * recent windows queryable.
 */
public final class LoadMergeProcessor implements Processor<String, PartialMessage, String, LoadSnapshot> {

    public static final String LOADS_STORE = "load-merge-store";
    public static final String WATERMARKS_STORE = "load-watermarks-store";
    /** Strategy -> {@link StrategyLoadHistory} (JSON): what the API serves, queryable from any instance. */
    public static final String HISTORY_STORE = "load-history-store";
    /** Heavy keys reported per partition and window. */
    static final int TOP_KEYS_REPORTED = 10;

    private final StrategySet strategies;
    private final int inputPartitions;
    private final Windowing windowing;

    private ProcessorContext<String, LoadSnapshot> context;
    private KeyValueStore<String, byte[]> loads;
    private KeyValueStore<Integer, Long> watermarks;
    private KeyValueStore<String, byte[]> history;
    private Sensor latePartials;
    private long closedThroughMs = Long.MIN_VALUE;

    LoadMergeProcessor(StrategySet strategies, int inputPartitions, Windowing windowing) {
        this.strategies = strategies;
        this.inputPartitions = inputPartitions;
        this.windowing = windowing;
    }

    /**
     * @param exactlyOnce whether the application runs under {@code exactly_once_v2}: only then is the merged loads'
     *     store cached (see below)
     */
    public static ProcessorSupplier<String, PartialMessage, String, LoadSnapshot> supplier(
            StrategySet strategies, int inputPartitions, Windowing windowing, boolean exactlyOnce) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PartialMessage, String, LoadSnapshot> get() {
                return new LoadMergeProcessor(strategies, inputPartitions, windowing);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                StoreBuilder<KeyValueStore<String, byte[]>> loads = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(LOADS_STORE), Serdes.String(), Serdes.ByteArray());
                // Cached under exactly-once: a window's merged load is rewritten for every partial (every input
                // partition, four flushes a second), but reaches the changelog once per key and commit. Uncached, this
                // store's changelog took more bytes than everything else the pipeline writes (bench: 21 MB for 2 M
                // events, against 9 MB of partials). Under at-least-once the watermarks' changelog, written at once,
                // would then run ahead of the loads' after a crash: a closed window would be restored, and emitted
                // again with part of its count.
                return Set.of(
                        exactlyOnce ? loads.withCachingEnabled() : loads.withCachingDisabled(),
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(WATERMARKS_STORE), Serdes.Integer(), Serdes.Long())
                                .withCachingDisabled(),
                        Stores.keyValueStoreBuilder(
                                        Stores.inMemoryKeyValueStore(HISTORY_STORE),
                                        Serdes.String(),
                                        Serdes.ByteArray())
                                .withCachingDisabled());
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, LoadSnapshot> context) {
        this.context = context;
        this.loads = context.getStateStore(LOADS_STORE);
        this.watermarks = context.getStateStore(WATERMARKS_STORE);
        this.history = context.getStateStore(HISTORY_STORE);
        this.latePartials = PipelineMetrics.latePartialsSensor(
                context.metrics(), context.taskId().toString());
        this.closedThroughMs = minWatermark();
    }

    @Override
    public void process(Record<String, PartialMessage> record) {
        if (record.value() instanceof PartialMessage.Partial partial) {
            addPartial(partial.load());
        } else if (record.value() instanceof PartialMessage.Watermark watermark) {
            Long previous = watermarks.get(watermark.inputPartition());
            if (previous == null || watermark.streamTimeMs() > previous) {
                watermarks.put(watermark.inputPartition(), watermark.streamTimeMs());
                closeWindows();
            }
        }
    }

    private void addPartial(WindowLoad partial) {
        if (isClosed(partial.windowStartMs())) {
            // Cannot happen while watermarks are kept (a task sends a window's partials before passing it), but if it
            // does the events are counted, not silently lost.
            latePartials.record(partial.totalEvents());
            return;
        }
        byte[] existing = loads.get(partial.key());
        if (existing != null) {
            WindowLoad merged = WindowLoad.fromBytes(existing);
            merged.merge(partial);
            partial = merged;
        }
        loads.put(partial.key(), partial.toBytes());
    }

    private boolean isClosed(long windowStartMs) {
        return windowing.isClosed(windowStartMs, closedThroughMs);
    }

    private long minWatermark() {
        long min = Long.MAX_VALUE;
        int seen = 0;
        try (KeyValueIterator<Integer, Long> all = watermarks.all()) {
            while (all.hasNext()) {
                KeyValue<Integer, Long> entry = all.next();
                if (entry.key < inputPartitions) {
                    min = Math.min(min, entry.value);
                    seen++;
                }
            }
        }
        return seen < inputPartitions ? Long.MIN_VALUE : min;
    }

    private void closeWindows() {
        long min = minWatermark();
        if (min == Long.MIN_VALUE || min <= closedThroughMs) {
            return;
        }
        closedThroughMs = min;
        List<WindowLoad> closing = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = loads.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                // The key tells the window: only the closing loads are deserialised.
                if (isClosed(WindowLoad.windowStartOf(entry.key))) {
                    closing.add(WindowLoad.fromBytes(entry.value));
                }
            }
        }
        closing.sort(Comparator.comparingLong(WindowLoad::windowStartMs).thenComparing(WindowLoad::strategy));
        shareWindowHeavyKeys(closing);
        for (WindowLoad load : closing) {
            emit(load);
            loads.delete(load.key());
        }
    }

    /**
     * Gives the window-stable loads of each closing window the heavy keys their carrier merged (they travel without
     * them; {@link PartialsPartitioner} brings them all to this task).
     */
    private void shareWindowHeavyKeys(List<WindowLoad> closing) {
        int carrier = strategies.windowHeavyKeysCarrier();
        if (carrier < 0) {
            return;
        }
        Map<Long, WindowLoad[]> byWindow = new HashMap<>();
        for (WindowLoad load : closing) {
            int index = strategies.indexOf(load.strategy());
            if (index >= 0) {
                byWindow.computeIfAbsent(load.windowStartMs(), ws -> new WindowLoad[strategies.size()])[index] = load;
            }
        }
        byWindow.values().forEach(loads -> {
            if (loads[carrier] != null && loads[carrier].windowHeavyKeys() != null) {
                WindowLoad.shareWindowHeavyKeys(loads, strategies, loads[carrier].windowHeavyKeys());
            }
        });
    }

    private void emit(WindowLoad load) {
        long windowEndMs = load.windowStartMs() + windowing.sizeMs();
        int index = strategies.indexOf(load.strategy());
        WindowLoad.KeyPlacement placement = key -> index < 0 || !strategies.isWindowStable(index)
                ? -1
                : strategies.partitionOfKey(index, key.getBytes(StandardCharsets.UTF_8), load.windowStartMs());
        LoadSnapshot snapshot = LoadSnapshot.of(load, windowEndMs, TOP_KEYS_REPORTED, placement);

        byte[] previous = history.get(load.strategy());
        StrategyLoadHistory past = previous == null
                ? new StrategyLoadHistory(null, List.of())
                : Json.fromBytes(previous, StrategyLoadHistory.class);
        history.put(load.strategy(), Json.toBytes(past.append(snapshot)));

        context.forward(new Record<>(load.strategy(), snapshot, windowEndMs));
    }
}
