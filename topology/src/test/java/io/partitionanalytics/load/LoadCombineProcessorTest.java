package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.input.EventFacts;
import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class LoadCombineProcessorTest {

    private static final StrategySet STRATEGIES = StrategySet.of(
            List.of("observed", "jump"), 4, Arrays.asList(null, Strategies.create("jump", 4, Map.of())), 2_000);
    private static final Windowing WINDOWING = new Windowing(2_000, 1_000, 10_000, 250);

    @Test
    void shouldAskWhetherItsQuietPartitionHoldsAnythingAfterTheLastRecordItRead() {
        // Given: a combine task that has read offsets 40 and 41 of its partition, the second one late
        MockProcessorContext<String, PartialMessage> context = new MockProcessorContext<>();
        List<Long> asked = new ArrayList<>();
        LoadCombineProcessor combine = started(context, (partition, next) -> {
            asked.add(next);
            return false;
        });
        context.setRecordMetadata("message-events", 0, 40);
        combine.process(event(60_000));
        context.setRecordMetadata("message-events", 0, 41);
        combine.process(event(1_000));

        // When: it stays quiet for watermark.idle.ms, and flushes
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000_000 + WINDOWING.idleMs());

        // Then: the offset it asks about is the one after the late event's
        assertThat(asked).containsExactly(42L);
    }

    @Test
    void shouldSendAWatermarkOnlyWhenItsTimeMoved() {
        // Given: a combine task that has counted one event and sent it at a punctuation
        MockProcessorContext<String, PartialMessage> context = new MockProcessorContext<>();
        LoadCombineProcessor combine = started(context, (partition, next) -> false);
        context.setRecordMetadata("message-events", 0, 0);
        combine.process(event(60_000));
        Punctuator punctuate = context.scheduledPunctuators().get(0).getPunctuator();
        punctuate.punctuate(1_000_250);
        List<String> first = forwardedKeys(context);

        // When: a punctuation with nothing new, then one after an event that moves the partition's time
        context.resetForwards();
        punctuate.punctuate(1_000_500);
        List<String> quiet = forwardedKeys(context);
        combine.process(event(61_000));
        punctuate.punctuate(1_000_750);

        // Then: the unchanged watermark is not sent again
        assertThat(first).containsExactly("jump@60000", "observed@60000", "~watermark-0");
        assertThat(quiet).isEmpty();
        assertThat(context.forwarded())
                .extracting(forward -> forward.record().value())
                .filteredOn(PartialMessage.Watermark.class::isInstance)
                .singleElement()
                .isEqualTo(new PartialMessage.Watermark(0, 61_000));
    }

    /** A combine task on {@code context} with its store, initialised at wall-clock 1,000,000 ms. */
    private static LoadCombineProcessor started(
            MockProcessorContext<String, PartialMessage> context, InputProgress inputProgress) {
        WindowLoadStore store = new WindowLoadStore(new RecordingStore(LoadCombineProcessor.STORE));
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        LoadCombineProcessor combine = new LoadCombineProcessor(STRATEGIES, WINDOWING, inputProgress, true);
        context.setCurrentSystemTimeMs(1_000_000);
        combine.init(context);
        return combine;
    }

    private static List<String> forwardedKeys(MockProcessorContext<String, PartialMessage> context) {
        List<String> keys = new ArrayList<>();
        context.forwarded().forEach(forward -> keys.add(forward.record().key()));
        return keys;
    }

    private static Record<byte[], EventFacts> event(long timestampMs) {
        return new Record<>(
                "c-1".getBytes(StandardCharsets.UTF_8),
                new EventFacts(timestampMs, 150, Double.NaN, Double.NaN),
                timestampMs);
    }
}
