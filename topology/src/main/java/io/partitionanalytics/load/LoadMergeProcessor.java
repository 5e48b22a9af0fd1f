package io.partitionanalytics.load;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds up the partial loads of every task per (strategy, window) and, once every input partition's watermark has
 * passed a window's end plus grace, emits the window as a {@link LoadSnapshot} keyed by strategy (every partition,
 * empty ones included, with share and ratio to the mean), in window order per strategy, and keeps the strategy's
 * recent windows queryable.
 */
public final class LoadMergeProcessor implements Processor<String, PartialMessage, String, LoadSnapshot> {

    private static final Logger log = LoggerFactory.getLogger(LoadMergeProcessor.class);

    /** The summed loads per (strategy, window) and every input partition's watermark (a {@link WindowLoadStore}). */
    public static final String LOADS_STORE = "load-merge-store";
    /** Strategy -> {@link StrategyLoadHistory} (JSON): what the API serves, queryable from any instance. */
    public static final String HISTORY_STORE = "load-history-store";
    /** Heavy keys reported per partition and window. */
    static final int TOP_KEYS_REPORTED = 10;

    private final StrategySet strategies;
    private final int inputPartitions;
    private final Windowing windowing;
    private final boolean exactlyOnce;
    /** What {@link #history} holds, read from it once per strategy after init and kept up to date since. */
    private final Map<String, StrategyLoadHistory> histories = new HashMap<>();
    /** Strategies whose partials from an instance configured otherwise were left out: each said once. */
    private final Set<String> leftOut = new HashSet<>();
    /** Strategies whose partials carried heavy keys this instance has another strategy carry: each said once. */
    private final Set<String> heavyKeysLeftOut = new HashSet<>();

    private ProcessorContext<String, LoadSnapshot> context;
    private WindowLoadStore loads;
    private KeyValueStore<String, byte[]> history;
    private Sensor latePartials;
    private long closedThroughMs = Long.MIN_VALUE;

    LoadMergeProcessor(StrategySet strategies, int inputPartitions, Windowing windowing, boolean exactlyOnce) {
        this.strategies = strategies;
        this.inputPartitions = inputPartitions;
        this.windowing = windowing;
        this.exactlyOnce = exactlyOnce;
    }

    /** @param exactlyOnce whether the application runs under {@code exactly_once_v2} (see {@link #process}) */
    public static ProcessorSupplier<String, PartialMessage, String, LoadSnapshot> supplier(
            StrategySet strategies, int inputPartitions, Windowing windowing, boolean exactlyOnce) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PartialMessage, String, LoadSnapshot> get() {
                return new LoadMergeProcessor(strategies, inputPartitions, windowing, exactlyOnce);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(
                        WindowLoadStore.builder(LOADS_STORE),
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
        this.loads.reload(strategies);
        this.history = context.getStateStore(HISTORY_STORE);
        this.histories.clear();
        this.latePartials = PipelineMetrics.latePartialsSensor(
                context.metrics(), context.taskId().toString());
        this.closedThroughMs = minWatermark();
    }

    @Override
    public void process(Record<String, PartialMessage> record) {
        if (record.value() instanceof PartialMessage.Partial partial) {
            addPartial(partial.load());
        } else if (record.value() instanceof PartialMessage.Watermark watermark) {
            if (loads.advanceStreamTime(watermark.inputPartition(), watermark.streamTimeMs())) {
                writeUnderAtLeastOnce();
                closeWindows();
            }
        }
        writeUnderAtLeastOnce();
    }

    /**
     * Under at-least-once the store's changelog and the input offsets are not one step: the store is written at once,
     * and a watermark before the removal of the windows it closes. Restored after a crash, it then never lacks a
     * closed window while holding the watermarks from before its closing (replayed partials would open it again, and
     * it would be emitted a second time with part of its count): the window is either gone with them, or emitted again
     * whole. Under exactly-once the store reaches the changelog once per commit, in the transaction.
     */
    private void writeUnderAtLeastOnce() {
        if (!exactlyOnce) {
            loads.flushCache();
        }
    }

    private void addPartial(WindowLoad partial) {
        if (isClosed(partial.windowStartMs())) {
            // Cannot happen while watermarks are kept (a task sends a window's partials before passing it), but if it
            // does the events are counted, not silently lost.
            latePartials.record(partial.totalEvents());
            return;
        }
        // The checks below fail only while instances run different settings (a rolling change of the strategies, their
        // options or the window size).
        int index = strategies.indexOf(partial.strategy());
        if (!loads.fits(partial, index)) {
            if (leftOut.add(partial.strategy())) {
                log.warn(
                        "Dropping partial loads of {} with {} partitions from another instance: not configured so here",
                        partial.strategy(),
                        partial.numPartitions());
            }
            return;
        }
        if (partial.carriesWindowHeavyKeys() && index != strategies.windowHeavyKeysCarrier()) {
            // Another instance has this strategy carry its window's heavy keys; here another does (or none): the
            // counts are added, the heavy keys left to this instance's carrier.
            if (heavyKeysLeftOut.add(partial.strategy())) {
                log.warn(
                        "Leaving out the heavy keys of {} partials from another instance: it carries them there, "
                                + "not here",
                        partial.strategy());
            }
            partial.shareWindowHeavyKeys(null, false);
        }
        loads.merge(index, partial);
    }

    private boolean isClosed(long windowStartMs) {
        return windowing.isClosed(windowStartMs, closedThroughMs);
    }

    /** The least watermark of all input partitions; {@code Long.MIN_VALUE} until each has sent one. */
    private long minWatermark() {
        long min = Long.MAX_VALUE;
        for (int p = 0; p < inputPartitions; p++) {
            min = Math.min(min, loads.streamTimeMs(p));
        }
        return min;
    }

    private void closeWindows() {
        long min = minWatermark();
        if (min == Long.MIN_VALUE || min <= closedThroughMs) {
            return;
        }
        closedThroughMs = min;
        // The window-stable loads of a window already share the heavy keys their carrier merged.
        for (WindowLoad load : loads.drain(this::isClosed)) {
            emit(load);
        }
    }

    private void emit(WindowLoad load) {
        long windowEndMs = load.windowStartMs() + windowing.sizeMs();
        int index = strategies.indexOf(load.strategy());
        WindowLoad.KeyPlacement placement = key -> strategies.isWindowStable(index)
                ? strategies.partitionOfKey(index, key.getBytes(StandardCharsets.UTF_8), load.windowStartMs())
                : -1;
        LoadSnapshot snapshot = LoadSnapshot.of(load, windowEndMs, TOP_KEYS_REPORTED, placement);

        StrategyLoadHistory past = histories.computeIfAbsent(load.strategy(), strategy -> {
            byte[] stored = history.get(strategy);
            return stored == null
                    ? new StrategyLoadHistory(null, List.of())
                    : Json.fromBytes(stored, StrategyLoadHistory.class);
        });
        StrategyLoadHistory next = past.append(snapshot);
        history.put(load.strategy(), Json.toBytes(next));
        histories.put(load.strategy(), next);

        context.forward(new Record<>(load.strategy(), snapshot, windowEndMs));
    }
}
