package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventCombinerTest {

    private static final long WINDOW_START_MS = 1_700_000_000_000L;
    private static final int PARTITIONS = 4;

    private static StrategySet strategies(List<String> names, long windowMs) {
        List<PartitionStrategy> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(name.equals(StrategySet.OBSERVED) ? null : Strategies.create(name, PARTITIONS, Map.of()));
        }
        return StrategySet.of(names, PARTITIONS, functions, windowMs);
    }

    private static WindowLoad[] window(StrategySet strategies, long windowStartMs) {
        WindowLoad[] loads = new WindowLoad[strategies.size()];
        for (int s = 0; s < loads.length; s++) {
            loads[s] = new WindowLoad(strategies.name(s), windowStartMs, strategies.numPartitions(s));
        }
        WindowLoad.shareWindowHeavyKeys(loads, strategies, WindowLoad.newWindowHeavyKeys());
        return loads;
    }

    private static void add(EventCombiner combiner, WindowLoad[] loads, String key, int sourcePartition) {
        combiner.add(
                loads,
                WINDOW_START_MS,
                key.getBytes(StandardCharsets.UTF_8),
                WINDOW_START_MS + 1,
                Double.NaN,
                Double.NaN,
                sourcePartition,
                10);
    }

    @Test
    void shouldCountAKeyAsDistinctOnEveryPartitionItReachesInAWindow() {
        // Given observed, which is placed per event, and a key that a producer sends to partitions 1 and 2 in turn
        StrategySet strategies = strategies(List.of(StrategySet.OBSERVED, "kafka-default"), 2_000);
        EventCombiner combiner = new EventCombiner(strategies);
        WindowLoad[] loads = window(strategies, WINDOW_START_MS);

        // When
        for (int source : new int[] {1, 2, 1, 2, 2}) {
            add(combiner, loads, "channel-7", source);
        }

        // Then it is one distinct key on each of the two partitions, whichever it was seen on last
        assertThat(loads[0].events(1)).isEqualTo(2);
        assertThat(loads[0].events(2)).isEqualTo(3);
        assertThat(loads[0].distinctKeys(1).estimate()).isEqualTo(1);
        assertThat(loads[0].distinctKeys(2).estimate()).isEqualTo(1);
        assertThat(loads[0].distinctKeys(0).estimate()).isZero();
    }

    @Test
    void shouldCountTheNextWindowAsAFreshCombinerDoes() {
        // Given the default strategies, and a combiner whose window key cache holds the same keys from the window
        // before: nothing it remembers of a key may carry over into the next window, which here is also the first of
        // a new 60 s time bucket, and whose events come from the same source partition
        long windowMs = 2_000;
        StrategySet strategies = strategies(AnalyticsConfig.DEFAULT_STRATEGIES, windowMs);
        EventCombiner used = new EventCombiner(strategies);
        EventCombiner fresh = new EventCombiner(strategies);
        long nextWindow = (WINDOW_START_MS / 60_000 + 1) * 60_000;
        long firstWindow = nextWindow - windowMs;
        WindowLoad[] first = window(strategies, firstWindow);
        WindowLoad[] second = window(strategies, nextWindow);
        WindowLoad[] secondAlone = window(strategies, nextWindow);
        SplittableRandom random = new SplittableRandom(11);

        // When
        for (int i = 0; i < 5_000; i++) {
            byte[] key = ("channel-" + random.nextInt(300)).getBytes(StandardCharsets.UTF_8);
            used.add(first, firstWindow, key, firstWindow + i % windowMs, Double.NaN, Double.NaN, 2, 10);
        }
        for (int i = 0; i < 3_000; i++) {
            byte[] key = ("channel-" + random.nextInt(400)).getBytes(StandardCharsets.UTF_8);
            long timestamp = nextWindow + i % windowMs;
            used.add(second, nextWindow, key, timestamp, Double.NaN, Double.NaN, 2, 7);
            fresh.add(secondAlone, nextWindow, key.clone(), timestamp, Double.NaN, Double.NaN, 2, 7);
        }

        // Then every partition's counts, distinct keys and named heavy keys are those of the window alone
        for (int s = 0; s < strategies.size(); s++) {
            int index = s;
            WindowLoad.KeyPlacement placement = key -> strategies.isWindowStable(index)
                    ? strategies.partitionOfKey(index, key.getBytes(StandardCharsets.UTF_8), nextWindow)
                    : -1;
            List<List<WindowLoad.HeavyKey>> heavyKeys = second[s].topKeysByPartition(20, placement);
            assertThat(heavyKeys).isEqualTo(secondAlone[s].topKeysByPartition(20, placement));
            for (int p = 0; p < strategies.numPartitions(s); p++) {
                assertThat(second[s].events(p)).isEqualTo(secondAlone[s].events(p));
                assertThat(second[s].bytes(p)).isEqualTo(secondAlone[s].bytes(p));
                assertThat(second[s].distinctKeys(p)).isEqualTo(secondAlone[s].distinctKeys(p));
                List<WindowLoad.HeavyKey> heavy = heavyKeys.get(p);
                assertThat(heavy.isEmpty()).isEqualTo(second[s].events(p) == 0);
            }
        }
    }

    @Test
    void shouldGiveTheSketchesOfUpdatingThemForEveryEvent() {
        // Given the default strategies and geo, a 7 s window (so that the 60 s time and channel buckets, which do
        // not align with it, are placed per event) across a bucket boundary, positions all over the globe, 400 keys
        // and source partitions that change from event to event
        long windowMs = 7_000;
        long windowStart = 1_700_000_040_000L - 3_000; // a 60 s bucket starts 3 s into the window
        List<String> names = new ArrayList<>(AnalyticsConfig.DEFAULT_STRATEGIES);
        names.add("geo");
        StrategySet strategies = strategies(names, windowMs);
        assertThat(strategies.isWindowStable(strategies.indexOf("time-bucket"))).isFalse();
        EventCombiner combiner = new EventCombiner(strategies);
        List<WindowLoad[]> combined = new ArrayList<>();
        List<WindowLoad[]> everyEvent = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);

        // When 20,000 events go through the combiner, and through every sketch update for each; the partial loads
        // are handed on halfway, as a flush does, while the combiner's key cache lives on
        for (int e = 0; e < 20_000; e++) {
            if (e == 10_000) {
                // Then, until the partial loads are handed on, each sketch is the same: the updates skipped were
                // of keys it held
                assertSameLoads(strategies, combined.get(0), everyEvent.get(0));
            }
            if (e % 10_000 == 0) {
                combined.add(window(strategies, windowStart));
                everyEvent.add(window(strategies, windowStart));
            }
            String key = "channel-" + random.nextInt(400);
            int source = random.nextInt(3) == 0 ? random.nextInt(PARTITIONS) : key.length() % PARTITIONS;
            long timestamp = windowStart + random.nextLong(windowMs);
            double latitude = random.nextDouble(-60, 60);
            double longitude = random.nextDouble(-180, 180);
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            combiner.add(
                    combined.get(combined.size() - 1), windowStart, bytes, timestamp, latitude, longitude, source, 10);
            long keyHash = Murmur3.hash128x64H1(bytes, 0, bytes.length, 0);
            WindowLoad[] reference = everyEvent.get(everyEvent.size() - 1);
            for (int s = 0; s < strategies.size(); s++) {
                int p = strategies.partition(s, bytes, timestamp, latitude, longitude, source);
                reference[s].count(p, 10);
                reference[s].addDistinct(p, keyHash);
            }
        }

        // and once merged, every partition's events are the same, and its distinct-key estimate within the bounds of
        // the other's (a second partial that skipped keys the first holds unions to the same keys, but a union's
        // estimate depends on the sketches' modes: 104 against 106 distinct keys on one partition here)
        for (int s = 0; s < strategies.size(); s++) {
            WindowLoad merged = combined.get(0)[s];
            merged.merge(combined.get(1)[s]);
            WindowLoad expected = everyEvent.get(0)[s];
            expected.merge(everyEvent.get(1)[s]);
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(merged.events(p)).isEqualTo(expected.events(p));
                WindowLoad.DistinctKeys got = merged.distinctKeys(p);
                WindowLoad.DistinctKeys want = expected.distinctKeys(p);
                assertThat(got.estimate()).isBetween(want.lowerBound(), want.upperBound());
                assertThat(want.estimate()).isBetween(got.lowerBound(), got.upperBound());
            }
        }
    }

    private static void assertSameLoads(StrategySet strategies, WindowLoad[] actual, WindowLoad[] expected) {
        for (int s = 0; s < strategies.size(); s++) {
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(actual[s].events(p)).isEqualTo(expected[s].events(p));
                assertThat(actual[s].distinctKeys(p)).isEqualTo(expected[s].distinctKeys(p));
            }
        }
    }
}
