package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadMergeProcessorTest {

    private static final StrategySet STRATEGIES = StrategySet.of(
            List.of("observed", "jump"), 2, Arrays.asList(null, Strategies.create("jump", 2, Map.of())), 2_000);

    private MockProcessorContext<String, LoadSnapshot> context;
    private KeyValueStore<Bytes, byte[]> changelogged;
    private WindowLoadStore loads;

    /** A merge task over its own stores (what they hold is what their changelog would restore). */
    private LoadMergeProcessor merge(boolean exactlyOnce) {
        context = new MockProcessorContext<>();
        changelogged = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(LoadMergeProcessor.LOADS_STORE),
                        Serdes.Bytes(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
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
        assertThat(stored("jump@0") != null).isEqualTo(!exactlyOnce);
        assertThat(stored("~stream-time-0") != null).isEqualTo(!exactlyOnce);
        loads.flushCache();
        assertThat(WindowLoad.fromBytes(stored("jump@0")).events(1)).isEqualTo(1);
        assertThat(stored("~stream-time-0")).isNotNull();
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

        // Then: the window closes with jump's own partial alone, and the others are not held
        assertThat(context.forwarded())
                .extracting(forwarded -> forwarded.record().value())
                .singleElement()
                .satisfies(snapshot -> {
                    assertThat(snapshot.strategy()).isEqualTo("jump");
                    assertThat(snapshot.totalEvents()).isEqualTo(1);
                });
        loads.flushCache();
        assertThat(stored("geo@0")).isNull();
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

    private byte[] stored(String key) {
        return changelogged.get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
    }
}
