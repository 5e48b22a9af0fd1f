package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static StrategySet strategies(List<String> names) {
        List<PartitionStrategy> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(name.equals(StrategySet.OBSERVED) ? null : Strategies.create(name, PARTITIONS, Map.of()));
        }
        return StrategySet.of(names, PARTITIONS, functions, 2_000);
    }

    private static WindowLoad[] window(StrategySet strategies) {
        WindowLoad[] loads = new WindowLoad[strategies.size()];
        for (int s = 0; s < loads.length; s++) {
            loads[s] = new WindowLoad(strategies.name(s), WINDOW_START_MS, strategies.numPartitions(s));
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
        StrategySet strategies = strategies(List.of(StrategySet.OBSERVED, "kafka-default"));
        EventCombiner combiner = new EventCombiner(strategies);
        WindowLoad[] loads = window(strategies);

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
    void shouldGiveTheSketchesOfUpdatingThemForEveryEvent() {
        // Given the default strategies, 400 keys, and source partitions that change from event to event
        StrategySet strategies = strategies(List.of(
                StrategySet.OBSERVED,
                "kafka-default",
                "murmur3-channel",
                "time-bucket",
                "channel-bucket",
                "consistent-hash",
                "jump"));
        EventCombiner combiner = new EventCombiner(strategies);
        WindowLoad[] loads = window(strategies);
        WindowLoad[] everyEvent = window(strategies);
        SplittableRandom random = new SplittableRandom(3);

        // When 20,000 events go through the combiner, and through every sketch update for each
        for (int e = 0; e < 20_000; e++) {
            String key = "channel-" + random.nextInt(400);
            int source = random.nextInt(3) == 0 ? random.nextInt(PARTITIONS) : key.length() % PARTITIONS;
            add(combiner, loads, key, source);
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            long keyHash = Murmur3.hash128x64H1(bytes, 0, bytes.length, 0);
            for (int s = 0; s < strategies.size(); s++) {
                int p = strategies.partition(s, bytes, WINDOW_START_MS + 1, Double.NaN, Double.NaN, source);
                everyEvent[s].count(p, 10);
                everyEvent[s].addDistinct(p, keyHash);
            }
        }

        // Then every partition's events and distinct-key estimate are the same: skipped updates changed nothing
        for (int s = 0; s < strategies.size(); s++) {
            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(loads[s].events(p)).isEqualTo(everyEvent[s].events(p));
                assertThat(loads[s].distinctKeys(p)).isEqualTo(everyEvent[s].distinctKeys(p));
            }
        }
    }
}
