package io.partitionanalytics.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.analysis.detect.HotspotAlertEvent.Severity;
import io.partitionanalytics.analysis.detect.HotspotAlertEvent.State;
import io.partitionanalytics.load.LoadSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotspotDetectorTest {

    private static final long WINDOW = 2_000;
    private static final int N = 12;

    private final HotspotDetector detector = new HotspotDetector(DetectorSettings.DEFAULTS);

    /** A window of {@code n} partitions with {@code base} events each, partition {@code hot} at {@code hotEvents}. */
    private static LoadSnapshot window(int index, int hot, long hotEvents, String hotKey, long hotKeyEvents) {
        long base = 100;
        long total = base * (N - 1) + hotEvents;
        double mean = (double) total / N;
        List<LoadSnapshot.Partition> partitions = new ArrayList<>();
        for (int p = 0; p < N; p++) {
            long events = p == hot ? hotEvents : base;
            List<LoadSnapshot.Key> keys = p == hot && hotKey != null
                    ? List.of(new LoadSnapshot.Key(
                            hotKey, hotKeyEvents, hotKeyEvents - 5, hotKeyEvents + 5, (double) hotKeyEvents / events))
                    : List.of();
            partitions.add(new LoadSnapshot.Partition(
                    p, events, events * 100, (double) events / total, events / mean, 10, 9, 11, 5, keys));
        }
        long start = 1_700_000_000_000L + index * WINDOW;
        return new LoadSnapshot(
                "murmur3-channel", start, start + WINDOW, N, total, total * 100, mean, 0, 0, partitions);
    }

    private static LoadSnapshot uniform(int index) {
        return window(index, -1, 0, null, 0);
    }

    private List<HotspotAlertEvent> run(List<LoadSnapshot> windows) {
        DetectorState state = DetectorState.empty();
        List<HotspotAlertEvent> alerts = new ArrayList<>();
        for (LoadSnapshot window : windows) {
            HotspotDetector.Result result = detector.apply(state, window, p -> "node-" + (p % 3));
            state = result.state();
            alerts.addAll(result.alerts());
        }
        return alerts;
    }

    @Test
    void shouldStayQuietOnUniformTraffic() {
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            windows.add(uniform(i));
        }
        assertThat(run(windows)).isEmpty();
    }

    @Test
    void shouldOpenAfterTheMinimumConsecutiveHotWindowsNamingTheKey() {
        // Given: partition 7 at about 3.4x the mean (CRITICAL) from window 2 on, channel c-42 most of it
        List<LoadSnapshot> windows = new ArrayList<>(List.of(uniform(0), uniform(1)));
        for (int i = 2; i < 6; i++) {
            windows.add(window(i, 7, 500, "c-42", 400));
        }

        // When
        List<HotspotAlertEvent> alerts = run(windows);

        // Then: one OPEN, at the third hot window, for partition 7, naming c-42
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.state()).isEqualTo(State.OPEN);
            assertThat(alert.partition()).isEqualTo(7);
            assertThat(alert.node()).isEqualTo("node-1");
            assertThat(alert.windowStartMs()).isEqualTo(windows.get(4).windowStartMs());
            assertThat(alert.episodeStartMs()).isEqualTo(windows.get(2).windowStartMs());
            assertThat(alert.consecutiveWindows()).isEqualTo(3);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.ratio()).isGreaterThan(3.0);
            assertThat(alert.topKeys().get(0).key()).isEqualTo("c-42");
            assertThat(alert.reason()).contains("partition 7", "for 3 windows", "c-42 is 80% of it");
        });
    }

    @Test
    void shouldNotOpenOnAShortSpike() {
        List<LoadSnapshot> windows =
                List.of(uniform(0), window(1, 3, 500, "k", 300), window(2, 3, 500, "k", 300), uniform(3), uniform(4));
        assertThat(run(windows)).isEmpty();
    }

    @Test
    void shouldUpdateOnSeverityChangeAndResolveAfterTheExitWindows() {
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            windows.add(window(i, 5, 250, "k", 100)); // ~2.3x: WARN
        }
        windows.add(window(3, 5, 500, "k", 200)); // ~3.4x: CRITICAL
        windows.add(window(4, 5, 500, "k", 200)); // unchanged
        windows.add(uniform(5)); // cool 1
        windows.add(uniform(6)); // cool 2: resolved

        List<HotspotAlertEvent> alerts = run(windows);

        assertThat(alerts)
                .extracting(HotspotAlertEvent::state)
                .containsExactly(State.OPEN, State.UPDATE, State.RESOLVED);
        assertThat(alerts)
                .extracting(HotspotAlertEvent::severity)
                .containsExactly(Severity.WARN, Severity.CRITICAL, Severity.CRITICAL);
        assertThat(alerts)
                .extracting(HotspotAlertEvent::alertId)
                .containsOnly(alerts.get(0).alertId());
    }

    @Test
    void shouldUpdateWhenTheHeaviestKeyChanges() {
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            windows.add(window(i, 5, 500, "c-1", 400));
        }
        windows.add(window(3, 5, 500, "c-2", 400));

        assertThat(run(windows)).extracting(HotspotAlertEvent::state).containsExactly(State.OPEN, State.UPDATE);
    }

    @Test
    void shouldNotUpdateWhenOnlyInsignificantKeysChurn() {
        // Given: a partition hot because of many small keys (each ~1% of it): its top key changes every window
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            windows.add(window(i, 5, 500, "c-" + i, 5));
        }

        // Then: only the OPEN, and its reason names no key
        List<HotspotAlertEvent> alerts = run(windows);
        assertThat(alerts).extracting(HotspotAlertEvent::state).containsExactly(State.OPEN);
        assertThat(alerts.get(0).reason()).doesNotContain("c-");
    }

    @Test
    void shouldNotFlapDuringTheCooldown() {
        List<LoadSnapshot> windows = new ArrayList<>();
        int i = 0;
        for (; i < 3; i++) {
            windows.add(window(i, 5, 500, "k", 300));
        }
        windows.add(uniform(i++));
        windows.add(uniform(i++)); // resolved here
        // Hot again at once: three hot windows, the first two of them inside the cool-down of 2 windows.
        for (int j = 0; j < 3; j++) {
            windows.add(window(i++, 5, 500, "k", 300));
        }

        List<HotspotAlertEvent> alerts = run(windows);

        assertThat(alerts).extracting(HotspotAlertEvent::state).containsExactly(State.OPEN, State.RESOLVED, State.OPEN);
        assertThat(alerts.get(2).alertId()).isNotEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(2).windowStartMs()).isEqualTo(windows.get(7).windowStartMs());
    }

    @Test
    void shouldIgnoreARepeatedOrOlderWindowSoThatAReplayOpensNothingTwice() {
        DetectorState state = DetectorState.empty();
        List<HotspotAlertEvent> alerts = new ArrayList<>();
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            windows.add(window(i, 5, 500, "k", 300));
        }
        for (LoadSnapshot window : windows) {
            HotspotDetector.Result result = detector.apply(state, window, p -> null);
            state = result.state();
            alerts.addAll(result.alerts());
        }
        HotspotDetector.Result replay = detector.apply(state, windows.get(2), p -> null);

        assertThat(alerts).hasSize(1);
        assertThat(replay.alerts()).isEmpty();
        assertThat(replay.state()).isEqualTo(state);
    }

    @Test
    void shouldGiveTheSameIdsForTheSameInput() {
        List<LoadSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            windows.add(window(i, 2, 500, "k", 300));
        }
        assertThat(run(windows)).isEqualTo(run(windows));
    }
}
