package io.partitionanalytics.load;

import io.partitionanalytics.input.EventFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The per-event core: assigns each event to a partition under every strategy and adds it to that task's partial
 * loads; at every commit sends the partials, then the task's watermark, to the merge step. Nothing per event leaves
 * the task.
 *
 * <p>Why at the commit: Kafka Streams commits a task's offsets right after it flushes the task's stores and then its
 * producer, and the partials sent from the store's flush ({@link WindowLoadStore#beforeEachCommit}) are in that
 * commit (its transaction, under exactly-once). Partials sent any earlier would leave the events of the last moments
 * before the commit in the store, to be written to its changelog so that a crash does not lose them: their sketches
 * written, then deleted at the next send. With the partials sent at the commit the changelog holds only the stream time.
 * This is how Kafka Streams' own caching stores forward on commit, and it takes the same internal API
 * ({@link InternalProcessorContext}: forwarding as this processor's node outside of its {@code process}). A context
 * without it (a unit test's mock) leaves the loads to be written at the commit, as exact, only slower.
 *
 * <p>A wall-clock punctuation every {@code combine.flush.interval.ms} sends what no commit sent since the last one
 * (when commits are rarer than that) and lets the time of a quiet partition follow the clock.
 *
 * <p>Event time is the event's {@code timestamp_ms}. An event whose window (plus grace) ended before this task's
 * stream time is late: it is counted in the {@code late-events} metric and not added. A partition with no traffic
 * lets its stream time follow the wall clock once it is idle and caught up (see {@link InputProgress}).
 */
public final class LoadCombineProcessor implements Processor<byte[], EventFacts, String, PartialMessage> {

    public static final String STORE = "load-partials-store";

    private final StrategySet strategies;
    private final Windowing windowing;
    private final InputProgress inputProgress;
    private final boolean exactlyOnce;

    private ProcessorContext<String, PartialMessage> context;
    private WindowLoadStore store;
    private Sensor lateEvents;
    private int inputPartition;
    private long lastEventWallClockMs;
    private long nextOffsetToProcess = -1;
    private EventCombiner combiner;
    /** The stream time last sent to the merge step as a watermark, so that an unchanged one is not sent again. */
    private long sentWatermarkMs;
    /** Whether a commit (or the punctuation itself) sent since the last punctuation: see {@link #punctuate}. */
    private boolean sentSincePunctuation;

    LoadCombineProcessor(
            StrategySet strategies, Windowing windowing, InputProgress inputProgress, boolean exactlyOnce) {
        this.strategies = strategies;
        this.windowing = windowing;
        this.inputProgress = inputProgress;
        this.exactlyOnce = exactlyOnce;
    }

    /** @param exactlyOnce whether the application runs under {@code exactly_once_v2} (see {@link #init}) */
    public static ProcessorSupplier<byte[], EventFacts, String, PartialMessage> supplier(
            StrategySet strategies, Windowing windowing, InputProgress inputProgress, boolean exactlyOnce) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<byte[], EventFacts, String, PartialMessage> get() {
                return new LoadCombineProcessor(strategies, windowing, inputProgress, exactlyOnce);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(WindowLoadStore.builder(STORE));
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, PartialMessage> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.store.reload(strategies);
        this.combiner = new EventCombiner(strategies);
        // init runs again when Kafka Streams revives the task after an aborted transaction: nothing sent survives.
        this.sentWatermarkMs = Long.MIN_VALUE;
        this.sentSincePunctuation = false;
        if (context instanceof InternalProcessorContext<?, ?> internal) {
            ProcessorNode<?, ?, ?, ?> self = internal.currentNode();
            // Without a transaction the stream time written after the partials is written one commit late (see there).
            store.beforeEachCommit(() -> sendAtCommit(internal, self), !exactlyOnce);
        }
        // One source topic: the task's partition is the input partition it reads.
        this.inputPartition = context.taskId().partition();
        this.lastEventWallClockMs = context.currentSystemTimeMs();
        this.lateEvents = PipelineMetrics.lateEventsSensor(
                context.metrics(), context.taskId().toString());
        // Anchored on the wall clock at multiples of the interval, so that every task of a stream thread flushes in the
        // same pass of its loop. Kafka Streams halves the records it processes per task between two looks at the
        // clock each time a punctuator runs: staggered, twelve tasks' flushes would halve it twelve times as often.
        long intervalMs = windowing.flushIntervalMs();
        long nowMs = context.currentSystemTimeMs();
        context.schedule(
                Instant.ofEpochMilli(nowMs - Math.floorMod(nowMs, intervalMs) + intervalMs),
                Duration.ofMillis(intervalMs),
                PunctuationType.WALL_CLOCK_TIME,
                this::punctuate);
    }

    @Override
    public void process(Record<byte[], EventFacts> record) {
        // What this task has read of its partition, late events included: punctuate() asks whether anything is left.
        RecordMetadata source = context.recordMetadata().orElse(null);
        if (source != null) {
            nextOffsetToProcess = source.offset() + 1;
        }
        EventFacts event = record.value();
        long timestampMs = event.timestampMs();
        long windowStartMs = windowing.windowStart(timestampMs);
        if (windowing.isClosed(windowStartMs, store.streamTimeMs(inputPartition))) {
            lateEvents.record();
            return;
        }
        store.advanceStreamTime(inputPartition, timestampMs);
        lastEventWallClockMs = context.currentSystemTimeMs();

        int sourcePartition = source == null ? inputPartition : source.partition();
        combiner.add(
                store.window(windowStartMs),
                windowStartMs,
                record.key(),
                timestampMs,
                event.latitude(),
                event.longitude(),
                sourcePartition,
                event.payloadBytes());
    }

    private void punctuate(long wallClockMs) {
        // An input partition with no traffic must not hold every window open: once it has been quiet for idleMs and
        // holds nothing more to read, its time follows the clock. (Quiet but not caught up means not fetched yet.)
        boolean idleTimeMoved = wallClockMs - lastEventWallClockMs >= windowing.idleMs()
                && inputProgress.isCaughtUp(inputPartition, nextOffsetToProcess)
                && store.advanceStreamTime(inputPartition, wallClockMs - windowing.idleMs());
        if (idleTimeMoved || !sentSincePunctuation) {
            send();
        }
        sentSincePunctuation = false;
    }

    /** Called by the store at the start of a commit's flush, outside of this processor's process or punctuation. */
    private void sendAtCommit(InternalProcessorContext<?, ?> internal, ProcessorNode<?, ?, ?, ?> self) {
        ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
        ProcessorRecordContext previousRecord = internal.recordContext();
        // What Kafka Streams sets for a punctuator: this node, and a record context of no input record.
        internal.setCurrentNode(self);
        internal.setRecordContext(
                new ProcessorRecordContext(context.currentSystemTimeMs(), -1, -1, null, new RecordHeaders()));
        try {
            send();
        } finally {
            internal.setRecordContext(previousRecord);
            internal.setCurrentNode(previousNode);
        }
    }

    private void send() {
        for (WindowLoad load : store.drain()) {
            context.forward(new Record<>(load.key(), new PartialMessage.Partial(load), load.windowStartMs()));
        }
        long streamTimeMs = store.streamTimeMs(inputPartition);
        if (streamTimeMs != sentWatermarkMs) {
            // After the partials on every merge partition (same producer, same partition: order kept).
            context.forward(new Record<>(
                    "~watermark-" + inputPartition,
                    new PartialMessage.Watermark(inputPartition, streamTimeMs),
                    Math.max(0, streamTimeMs)));
            sentWatermarkMs = streamTimeMs;
        }
        sentSincePunctuation = true;
    }
}
