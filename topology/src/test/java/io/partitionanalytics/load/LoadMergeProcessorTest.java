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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoadMergeProcessorTest {

    private static final StrategySet STRATEGIES = StrategySet.of(
            List.of("observed", "jump"), 2, Arrays.asList(null, Strategies.create("jump", 2, Map.of())), 2_000);

    @ParameterizedTest(name = "exactly once: {0}")
    @ValueSource(booleans = {true, false})
    void shouldWriteItsSumsAndWatermarksAtOnceOnlyUnderAtLeastOnce(boolean exactlyOnce) {
        // Given: a merge task over its own stores (what they hold is what their changelog would restore)
        MockProcessorContext<String, LoadSnapshot> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> changelogged = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(LoadMergeProcessor.LOADS_STORE),
                        Serdes.Bytes(),
                        Serdes.ByteArray())
                .withLoggingDisabled()
                .build();
        WindowLoadStore loads = new WindowLoadStore(changelogged);
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

        // When: a partial of jump's first window and a watermark arrive, and Kafka Streams has not committed yet
        WindowLoad partial = new WindowLoad("jump", 0, 2);
        partial.count(1, 150);
        merge.process(new Record<>(partial.key(), new PartialMessage.Partial(partial), 0));
        merge.process(new Record<>("~watermark-0", new PartialMessage.Watermark(0, 500), 500));

        // Then: under at-least-once both are in the store already; under exactly-once they wait for the commit
        assertThat(stored(changelogged, "jump@0") != null).isEqualTo(!exactlyOnce);
        assertThat(stored(changelogged, "~stream-time-0") != null).isEqualTo(!exactlyOnce);
        loads.flushCache();
        assertThat(WindowLoad.fromBytes(stored(changelogged, "jump@0")).events(1))
                .isEqualTo(1);
        assertThat(stored(changelogged, "~stream-time-0")).isNotNull();
    }

    private static byte[] stored(KeyValueStore<Bytes, byte[]> store, String key) {
        return store.get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
    }
}
