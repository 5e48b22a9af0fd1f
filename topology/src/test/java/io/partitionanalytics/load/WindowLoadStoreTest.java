package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.Strategies;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowLoadStoreTest {

    private static final long WINDOW_MS = 2_000;
    /** observed (per event) and two window-stable strategies, jump the carrier of the window-wide heavy keys. */
    private static final StrategySet STRATEGIES = StrategySet.of(
            List.of("observed", "jump", "murmur3-channel"),
            4,
            Arrays.asList(
                    null, Strategies.create("jump", 4, Map.of()), Strategies.create("murmur3-channel", 4, Map.of())),
            WINDOW_MS);

    /** What the changelog would restore: the store below the in-memory loads, and the order it was written in. */
    private RecordingStore changelogged;

    private static final String STREAM_TIME_0 = "~stream-time-0";

    private WindowLoadStore store;

    @BeforeEach
    void open() {
        changelogged = new RecordingStore("loads");
        store = new WindowLoadStore(changelogged);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        store.reload(STRATEGIES);
    }

    @Test
    void shouldRestoreTheSumsAndStreamTimesOfTheLastCommitAndHoldOnlyTheStrategiesMergedIntoIt() {
        // Given: a merge task summing two partials of jump's window 0 and hearing from two of three input partitions
        store.merge(1, partial("jump", 0, 3, 5));
        store.merge(1, partial("jump", 0, 3, 7));
        store.advanceStreamTime(0, 1_000);
        store.advanceStreamTime(2, 1_500);

        // When: Kafka Streams commits, and the task is then restored from what was written
        store.flushCache();
        store.reload(STRATEGIES);

        // Then: the stream times and the sum are back; observed and murmur3-channel, never merged, are not emitted
        assertThat(store.streamTimeMs(0)).isEqualTo(1_000);
        assertThat(store.streamTimeMs(1)).isEqualTo(Long.MIN_VALUE);
        assertThat(store.streamTimeMs(2)).isEqualTo(1_500);
        List<WindowLoad> closed = store.drain(windowStartMs -> windowStartMs == 0);
        assertThat(closed).extracting(WindowLoad::strategy).containsExactly("jump");
        assertThat(closed.get(0).events(3)).isEqualTo(12);
        assertThat(changelogged.get("observed@0")).isNull();
    }

    @Test
    void shouldWriteAClosedWindowsRemovalAndOnlyTheLoadsChangedSinceTheLastCommit() {
        // Given: two windows committed
        store.merge(1, partial("jump", 0, 1, 1));
        store.merge(1, partial("jump", WINDOW_MS, 1, 1));
        store.merge(2, partial("murmur3-channel", WINDOW_MS, 2, 1));
        store.flushCache();
        byte[] murmur3 = changelogged.get("murmur3-channel@" + WINDOW_MS);

        // When: the first window closes and one more partial reaches the second, for jump
        List<WindowLoad> closed = store.drain(windowStartMs -> windowStartMs < WINDOW_MS);
        store.merge(1, partial("jump", WINDOW_MS, 1, 4));
        store.flushCache();

        // Then: the closed window is gone from the changelog, jump's load rewritten, murmur3-channel's left as it was
        assertThat(closed).extracting(WindowLoad::key).containsExactly("jump@0");
        assertThat(changelogged.get("jump@0")).isNull();
        assertThat(WindowLoad.fromBytes(changelogged.get("jump@" + WINDOW_MS)).events(1))
                .isEqualTo(5);
        assertThat(changelogged.get("murmur3-channel@" + WINDOW_MS)).isSameAs(murmur3);
        store.reload(STRATEGIES);
        assertThat(store.drain()).extracting(WindowLoad::key).containsExactly("jump@2000", "murmur3-channel@2000");
    }

    @Test
    void shouldLeaveTheWholeWindowOfACombineTaskToItsNextFlush() {
        // Given: a combine task counts an event under every strategy, and sends them all
        WindowLoad[] loads = store.window(0);
        for (int i = 0; i < loads.length; i++) {
            loads[i].count(i, 100);
        }

        // When
        List<WindowLoad> partials = store.drain();
        store.flushCache();

        // Then: every strategy's partial, in the order of their names, and nothing left to restore
        assertThat(partials).extracting(WindowLoad::strategy).containsExactly("jump", "murmur3-channel", "observed");
        store.reload(STRATEGIES);
        assertThat(store.drain()).isEmpty();
    }

    @Test
    void shouldLendTheCarriersRestoredHeavyKeysToTheOtherWindowStableStrategies() {
        // Given: jump's sum carries the window's heavy keys, murmur3-channel's borrows them
        WindowLoad carried = new WindowLoad("jump", 0, 4);
        carried.shareWindowHeavyKeys(WindowLoad.newWindowHeavyKeys(), true);
        carried.windowHeavyKeys().update("hot", 5);
        store.merge(1, WindowLoad.fromBytes(carried.toBytes()));
        store.merge(2, partial("murmur3-channel", 0, 1, 5));
        store.flushCache();

        // When
        store.reload(STRATEGIES);

        // Then: both name the heavy key from the one sketch written with jump's load
        List<WindowLoad> restored = store.drain();
        assertThat(restored).extracting(WindowLoad::strategy).containsExactly("jump", "murmur3-channel");
        assertThat(restored.get(1).windowHeavyKeys()).isSameAs(restored.get(0).windowHeavyKeys());
        assertThat(restored.get(1).windowHeavyKeys().getEstimate("hot")).isEqualTo(5);
    }

    @Test
    void shouldWriteStreamTimesAfterTheLoadsOfACommit() {
        // Given: a combine task's event
        store.window(0)[1].count(2, 100);
        store.advanceStreamTime(0, 700);

        // When
        store.flushCache();

        // Then: under at-least-once, a crash between the two restores the stream time of before, not a newer one
        assertThat(changelogged.writes).containsSubsequence("put jump@0", "put ~stream-time-0");
    }

    @Test
    void shouldRunTheCommitActionFirstSoThatLoadsItSendsAreNeitherWrittenNorDeleted() {
        // Given: a combine task's event, and its sending of the partials hooked to the commit
        store.window(0)[1].count(2, 100);
        store.advanceStreamTime(0, 700);
        List<WindowLoad> sent = new ArrayList<>();
        store.beforeEachCommit(() -> sent.addAll(store.drain()), false);

        // When: Kafka Streams commits
        store.flushCache();

        // Then: the window's loads were sent, and the changelog got the stream time alone
        assertThat(sent).extracting(WindowLoad::key).containsExactly("jump@0", "murmur3-channel@0", "observed@0");
        assertThat(sent.get(0).events(2)).isEqualTo(1);
        assertThat(changelogged.writes).containsExactly("put ~stream-time-0");
    }

    @Test
    void shouldWriteTheStreamTimeOfThePreviousCommitWhenItsLoadsLeaveWithoutATransaction() {
        // Given: a combine task under at-least-once, whose commits send its loads to other partitions
        store.beforeEachCommit(store::drain, true);
        store.advanceStreamTime(0, 700);

        // When: three commits, the stream time moving before the second only
        store.flushCache();
        List<String> afterFirst = List.copyOf(changelogged.writes);
        store.advanceStreamTime(0, 900);
        store.flushCache();
        byte[] afterSecond = changelogged.get(STREAM_TIME_0);
        store.flushCache();

        // Then: each commit wrote the stream time the commit before it saw, once
        assertThat(afterFirst).isEmpty();
        assertThat(ByteBuffer.wrap(afterSecond).getLong()).isEqualTo(700);
        assertThat(ByteBuffer.wrap(changelogged.get(STREAM_TIME_0)).getLong()).isEqualTo(900);
        assertThat(changelogged.writes).containsExactly("put " + STREAM_TIME_0, "put " + STREAM_TIME_0);
    }

    @Test
    void shouldDeleteOnlyTheLoadsItsChangelogHolds() {
        // Given: window 0 committed, then an event of the next window counted but not committed
        store.window(0)[1].count(2, 100);
        store.flushCache();
        store.window(WINDOW_MS)[1].count(2, 100);
        changelogged.writes.clear();

        // When: both windows are removed, and the removal committed
        assertThat(store.drain()).hasSize(6);
        store.flushCache();

        // Then: a tombstone for each load that had been written, none for those that never were
        assertThat(changelogged.writes)
                .containsExactlyInAnyOrder("delete jump@0", "delete murmur3-channel@0", "delete observed@0");
    }

    @Test
    void shouldForgetTheCommitActionWhenKafkaStreamsRecyclesTheTask() {
        // Given
        int[] runs = {0};
        store.beforeEachCommit(() -> runs[0]++, false);

        // When: the task is recycled (its processor is set up anew, and hooks its own action again), then committed
        store.clearCache();
        store.flushCache();

        // Then
        assertThat(runs[0]).isZero();
    }

    @Test
    void shouldDropTheStreamTimeEarlierSnapshotsWroteWithoutItsPartition() {
        // Given: the one stream time of a combine task as 0.1.0 snapshots wrote it
        changelogged.put(Bytes.wrap("~stream-time".getBytes(StandardCharsets.UTF_8)), new byte[8]);

        // When
        store.reload(STRATEGIES);
        store.flushCache();

        // Then: not taken for a load, and removed from the changelog
        assertThat(store.drain()).isEmpty();
        assertThat(changelogged.get("~stream-time")).isNull();
    }

    private static WindowLoad partial(String strategy, long windowStartMs, int partition, int events) {
        WindowLoad load = new WindowLoad(strategy, windowStartMs, 4);
        for (int i = 0; i < events; i++) {
            load.count(partition, 10);
        }
        return load;
    }
}
