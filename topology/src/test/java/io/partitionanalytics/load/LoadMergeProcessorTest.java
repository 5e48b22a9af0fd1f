package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.Strategies;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadMergeProcessorTest {

    /** observed (per event), and two window-stable strategies of which jump carries the window's heavy keys. */
    private static final StrategySet STRATEGIES = StrategySet.of(
            List.of("observed", "jump", "murmur3-channel"),
            2,
            Arrays.asList(
                    null, Strategies.create("jump", 2, Map.of()), Strategies.create("murmur3-channel", 2, Map.of())),
            2_000);

    private MockProcessorContext<String, LoadSnapshot> context;
    /** What the merge store's changelog would restore, and the order it was written in. */
    private RecordingStore changelogged;

    private WindowLoadStore loads;

    /** A merge task over its own stores, reading two input partitions. */
    private LoadMergeProcessor merge(boolean exactlyOnce) {
        context = new MockProcessorContext<>();
        changelogged = new RecordingStore(LoadMergeProcessor.LOADS_STORE);
        loads = new WindowLoadStore(changelogged);
        loads.init(context.getStateStoreContext(), loads);
        context.addStateStore(loads);
        KeyValueStore<String, byte[]> history = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(LoadMergeProcessor.HISTORY_STORE),
                        Serdes.String(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        history.init(context.getStateStoreContext(), history);
        context.addStateStore(history);
        LoadMergeProcessor merge =
                new LoadMergeProcessor(STRATEGIES, 2, new Windowing(2_000, 1_000, 10_000, 250), exactlyOnce);
        merge.init(context);
        return merge;
    }

    @ParameterizedTest(name = "exactly once: {0}")
    @ValueSource(booleans = {true, false})
    void shouldWriteItsSumsAndWatermarksAtOnceOnlyUnderAtLeastOnce(boolean exactlyOnce) {
        // Given
        LoadMergeProcessor merge = merge(exactlyOnce);

        // When: a partial of jump's first window and a watermark arrive, and Kafka Streams has not committed yet
        merge.process(partial("jump", 2, 1));
        merge.process(watermark(0, 500));

        // Then: under at-least-once both are in the store already; under exactly-once they wait for the commit
        assertThat(changelogged.get("jump@0") != null).isEqualTo(!exactlyOnce);
        assertThat(changelogged.get("~stream-time-0") != null).isEqualTo(!exactlyOnce);
        loads.flushCache();
        assertThat(WindowLoad.fromBytes(changelogged.get("jump@0")).events(1)).isEqualTo(1);
        assertThat(changelogged.get("~stream-time-0")).isNotNull();
    }

    @Test
    void shouldWriteAWatermarkBeforeTheRemovalOfTheWindowItClosesUnderAtLeastOnce() {
        // Given
        LoadMergeProcessor merge = merge(false);
        merge.process(partial("jump", 2, 1));
        merge.process(watermark(0, 3_000));

        // When: the second input partition's watermark closes the window
        merge.process(watermark(1, 3_000));

        // Then: restored from any prefix of these writes, the window is never gone while the watermark is not there
        assertThat(changelogged.writes).containsSubsequence("put ~stream-time-1", "delete jump@0");
        assertThat(context.forwarded()).hasSize(1);
    }

    @Test
    void shouldLeaveOutPartialsOfStrategiesNotConfiguredSoHere() {
        // Given
        LoadMergeProcessor merge = merge(true);

        // When: besides jump's partial, one of a strategy not configured here and one of jump with 3 partitions (from
        // instances configured otherwise), then both input partitions' watermarks past the window's end and grace
        merge.process(partial("jump", 2, 1));
        merge.process(partial("geo", 2, 1));
        merge.process(partial("jump", 3, 2));
        merge.process(watermark(0, 3_000));
        merge.process(watermark(1, 3_000));

        // Then: the window closes with jump's own partial alone
        assertThat(context.forwarded())
                .extracting(forwarded -> forwarded.record().value())
                .singleElement()
                .satisfies(snapshot -> {
                    assertThat(snapshot.strategy()).isEqualTo("jump");
                    assertThat(snapshot.totalEvents()).isEqualTo(1);
                });
    }

    @Test
    void shouldCountThePartialsOfAnotherInstancesCarrierAndNameTheHeavyKeysOfItsOwn() {
        // Given
        LoadMergeProcessor merge = merge(true);

        // When: jump's partial carries the window's heavy keys, as here; murmur3-channel's too, as on an instance where
        // murmur3-channel comes first among the window-stable strategies
        WindowLoad jump = carrying(new WindowLoad("jump", 0, 2), "hot");
        WindowLoad murmur3 = carrying(new WindowLoad("murmur3-channel", 0, 2), "elsewhere");
        merge.process(new Record<>(jump.key(), new PartialMessage.Partial(jump), 0));
        merge.process(new Record<>(murmur3.key(), new PartialMessage.Partial(murmur3), 0));
        merge.process(watermark(0, 3_000));
        merge.process(watermark(1, 3_000));

        // Then: both are counted, and both name the heavy keys jump carried here
        assertThat(context.forwarded())
                .extracting(forwarded -> forwarded.record().value())
                .hasSize(2)
                .allSatisfy(snapshot -> {
                    assertThat(snapshot.totalEvents()).isEqualTo(1);
                    assertThat(snapshot.partitions().stream().flatMap(p -> p.topKeys().stream()))
                            .extracting(LoadSnapshot.Key::key)
                            .containsExactly("hot");
                });
    }

    @Test
    void shouldWarnOncePerStrategyAndCauseOfWhatItLeavesOut() {
        // Given
        LoadMergeProcessor merge = merge(true);

        try (CapturedLog log = new CapturedLog(LoadMergeProcessor.class)) {
            // When: three partials of a strategy not configured here, two of jump with 3 partitions, and two of
            // murmur3-channel carrying heavy keys that jump carries here, then one of murmur3-channel with 5 partitions
            for (int i = 0; i < 3; i++) {
                merge.process(partial("geo", 2, 1));
            }
            merge.process(partial("jump", 3, 1));
            merge.process(partial("jump", 3, 1));
            for (int i = 0; i < 2; i++) {
                WindowLoad murmur3 = carrying(new WindowLoad("murmur3-channel", 0, 2), "elsewhere");
                merge.process(new Record<>(murmur3.key(), new PartialMessage.Partial(murmur3), 0));
            }
            merge.process(partial("murmur3-channel", 5, 1));

            // Then: one warning per strategy and cause, naming them
            assertThat(log.lines())
                    .containsExactlyInAnyOrder(
                            "WARN Dropping partial loads of geo with 2 partitions from another instance: not"
                                    + " configured so here",
                            "WARN Dropping partial loads of jump with 3 partitions from another instance: not"
                                    + " configured so here",
                            "WARN Leaving out the heavy keys of murmur3-channel partials from another instance: it"
                                    + " carries them there, not here",
                            "WARN Dropping partial loads of murmur3-channel with 5 partitions from another instance:"
                                    + " not configured so here");
        }
    }

    private static WindowLoad carrying(WindowLoad load, String key) {
        load.shareWindowHeavyKeys(WindowLoad.newWindowHeavyKeys(), true);
        load.count(0, 150);
        load.windowHeavyKeys().update(key);
        return WindowLoad.fromBytes(load.toBytes());
    }

    private static Record<String, PartialMessage> partial(String strategy, int partitions, int events) {
        WindowLoad load = new WindowLoad(strategy, 0, partitions);
        for (int i = 0; i < events; i++) {
            load.count(1, 150);
        }
        return new Record<>(load.key(), new PartialMessage.Partial(load), 0);
    }

    private static Record<String, PartialMessage> watermark(int inputPartition, long streamTimeMs) {
        return new Record<>(
                "~watermark-" + inputPartition,
                new PartialMessage.Watermark(inputPartition, streamTimeMs),
                streamTimeMs);
    }
}
