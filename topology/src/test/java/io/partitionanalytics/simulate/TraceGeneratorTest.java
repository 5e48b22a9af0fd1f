package io.partitionanalytics.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceGeneratorTest {

    @Test
    void shouldGenerateTheSameTraceForTheSameSettings() {
        TraceGenerator generator = new TraceGenerator(1_000, 50, "zipf:1.1", 7, 0, 100);
        List<TraceEvent> first = new ArrayList<>();
        List<TraceEvent> second = new ArrayList<>();

        generator.generate(first::add);
        generator.generate(second::add);

        assertThat(first).hasSize(1_000);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).key()).isEqualTo(second.get(i).key());
            assertThat(first.get(i).bytes()).isEqualTo(second.get(i).bytes());
        }
    }

    @Test
    void shouldSpaceEventsAtTheRateFromTheStart() {
        List<TraceEvent> events = new ArrayList<>();

        new TraceGenerator(5, 10, "uniform", 1, 1_000, 4).generate(events::add);

        assertThat(events).extracting(TraceEvent::timestampMs).containsExactly(1_000L, 1_250L, 1_500L, 1_750L, 2_000L);
        assertThat(events).extracting(TraceEvent::bytes).allSatisfy(b -> assertThat(b)
                .isBetween((long) TraceGenerator.MIN_BYTES, (long) TraceGenerator.MAX_BYTES));
    }

    @Test
    void shouldRejectBadSettings() {
        assertThatThrownBy(() -> new TraceGenerator(1, 10, "gauss", 1, 0, 1)).hasMessageContaining("gauss");
        assertThatThrownBy(() -> new TraceGenerator(1, 0, "uniform", 1, 0, 1)).hasMessageContaining("channels");
        assertThatThrownBy(() -> new TraceGenerator(1, 10, "uniform", 1, 0, 0)).hasMessageContaining("rate");
    }
}
