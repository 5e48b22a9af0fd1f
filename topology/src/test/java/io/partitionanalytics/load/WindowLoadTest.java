package io.partitionanalytics.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.Strategies;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class WindowLoadTest {

    /** One event of a strategy that is not window-stable: its count, distinct key and heavy key. */
    private static void add(WindowLoad load, int partition, long payloadBytes, long keyHash, String key) {
        load.count(partition, payloadBytes);
        load.addDistinct(partition, keyHash);
        load.partitionHeavyKeys(partition).update(key);
    }

    @Test
    void shouldRoundTripThroughBytes() {
        WindowLoad load = new WindowLoad("murmur3-channel", 1_700_000_000_000L, 4);
        add(load, 1, 100, 1L, "k1");
        add(load, 1, 50, 1L, "k1");
        add(load, 3, 7, 3L, "k3");

        WindowLoad copy = WindowLoad.fromBytes(load.toBytes());

        assertThat(copy.strategy()).isEqualTo("murmur3-channel");
        assertThat(copy.windowStartMs()).isEqualTo(1_700_000_000_000L);
        assertThat(copy.numPartitions()).isEqualTo(4);
        assertThat(copy.events(1)).isEqualTo(2);
        assertThat(copy.bytes(1)).isEqualTo(150);
        assertThat(copy.events(3)).isEqualTo(1);
        assertThat(copy.totalEvents()).isEqualTo(3);
    }

    @Test
    void shouldAddUpPartials() {
        WindowLoad a = new WindowLoad("s", 0, 2);
        add(a, 0, 10, 0L, "k0");
        WindowLoad b = new WindowLoad("s", 0, 2);
        add(b, 0, 5, 0L, "k0");
        add(b, 1, 1, 1L, "k1");

        a.merge(b);

        assertThat(a.events(0)).isEqualTo(2);
        assertThat(a.bytes(0)).isEqualTo(15);
        assertThat(a.events(1)).isEqualTo(1);
    }

    @Test
    void shouldRefuseToMergeDifferentPartitionCounts() {
        assertThatThrownBy(() -> new WindowLoad("s", 0, 2).merge(new WindowLoad("s", 0, 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripMessagesOfTheRepartitionTopic() {
        var serde = PartialMessage.serde();
        WindowLoad load = new WindowLoad("observed", 5000, 3);
        add(load, 2, 9, 2L, "k2");

        PartialMessage partial = serde.deserializer()
                .deserialize("t", serde.serializer().serialize("t", new PartialMessage.Partial(load)));
        PartialMessage watermark = serde.deserializer()
                .deserialize("t", serde.serializer().serialize("t", new PartialMessage.Watermark(7, 123_456L)));

        assertThat(((PartialMessage.Partial) partial).load().events(2)).isEqualTo(1);
        assertThat(watermark).isEqualTo(new PartialMessage.Watermark(7, 123_456L));
    }

    @Test
    void shouldEstimateDistinctKeysWithinTheirBoundsAcrossMergesAndSerialisation() {
        // Given: 20,000 distinct keys spread over two partial loads of the same partition
        WindowLoad a = new WindowLoad("s", 0, 1);
        WindowLoad b = new WindowLoad("s", 0, 1);
        for (int i = 0; i < 20_000; i++) {
            String key = "c-" + i;
            byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long hash = io.partitionanalytics.partitioners.hash.Murmur3.hash128x64H1(bytes, 0, bytes.length, 0);
            add(i % 2 == 0 ? a : b, 0, 1, hash, key);
            // Every tenth key seen twice, by the other task: a union, not a sum.
            if (i % 10 == 0) {
                add(i % 2 == 0 ? b : a, 0, 1, hash, key);
            }
        }

        // When
        a.merge(WindowLoad.fromBytes(b.toBytes()));
        WindowLoad.DistinctKeys distinct = WindowLoad.fromBytes(a.toBytes()).distinctKeys(0);

        // Then
        assertThat(distinct.lowerBound()).isLessThanOrEqualTo(20_000L);
        assertThat(distinct.upperBound()).isGreaterThanOrEqualTo(20_000L);
        assertThat(distinct.estimate()).isBetween(18_000L, 22_000L);
    }

    @Test
    void shouldNameTheHeavyKeysWithCountsInsideTheirBounds() {
        // Given: one key with 30% of 100,000 events, one with 10%, and 60,000 events over 5,000 others
        WindowLoad a = new WindowLoad("s", 0, 1);
        WindowLoad b = new WindowLoad("s", 0, 1);
        java.util.Map<String, Long> truth = new java.util.HashMap<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            double r = random.nextDouble();
            String key = r < 0.3 ? "hot" : r < 0.4 ? "warm" : "c-" + random.nextInt(5_000);
            truth.merge(key, 1L, Long::sum);
            add(i % 3 == 0 ? a : b, 0, 1, key.hashCode(), key);
        }

        // When
        a.merge(WindowLoad.fromBytes(b.toBytes()));
        var top = WindowLoad.fromBytes(a.toBytes())
                .topKeysByPartition(10, key -> 0)
                .get(0);

        // Then
        assertThat(top).extracting(WindowLoad.HeavyKey::key).startsWith("hot", "warm");
        for (WindowLoad.HeavyKey key : top) {
            assertThat(truth.get(key.key())).as(key.key()).isBetween(key.lowerBound(), key.upperBound());
        }
        assertThat(a.topKeysMaxError(0)).isLessThanOrEqualTo((long) (100_000 * 3.5 / WindowLoad.TOP_KEYS_MAP_SIZE));
    }

    @Test
    void shouldPlaceWindowWideHeavyKeysOnTheirPartition() {
        // Given: a window-wide sketch shared by a strategy that puts keys starting with 'a' on partition 0
        WindowLoad load = new WindowLoad("s", 0, 2);
        load.shareWindowHeavyKeys(WindowLoad.newWindowHeavyKeys(), true);
        for (int i = 0; i < 100; i++) {
            String key = i < 70 ? "a-hot" : "b-" + (i % 3);
            int partition = key.startsWith("a") ? 0 : 1;
            load.count(partition, 1);
            load.windowHeavyKeys().update(key);
        }
        java.util.List<String> placed = new java.util.ArrayList<>();
        WindowLoad.KeyPlacement placement = key -> {
            placed.add(key);
            return key.startsWith("a") ? 0 : 1;
        };

        // When: it travels as bytes and is merged into another partial of the same window
        WindowLoad merged = new WindowLoad("s", 0, 2);
        merged.merge(WindowLoad.fromBytes(load.toBytes()));
        var top = merged.topKeysByPartition(10, placement);

        // Then: each key is placed once, not once per partition
        assertThat(top.get(0)).extracting(WindowLoad.HeavyKey::key).containsExactly("a-hot");
        assertThat(top.get(1)).extracting(WindowLoad.HeavyKey::key).containsExactly("b-0", "b-1", "b-2");
        assertThat(top.get(0).get(0).estimate()).isEqualTo(70);
        assertThat(placed).containsExactlyInAnyOrder("a-hot", "b-0", "b-1", "b-2");
    }

    @Test
    void shouldWriteAndMergeTheWindowWideSketchOnlyThroughItsCarrier() {
        // Given: two loads of one window sharing a sketch, the first carrying it, the second borrowing it
        ItemsSketch<String> sketch = WindowLoad.newWindowHeavyKeys();
        WindowLoad carrier = new WindowLoad("a", 0, 2);
        WindowLoad borrower = new WindowLoad("b", 0, 2);
        carrier.shareWindowHeavyKeys(sketch, true);
        borrower.shareWindowHeavyKeys(sketch, false);
        sketch.update("hot", 5);

        // When: both travel as bytes
        WindowLoad carried = WindowLoad.fromBytes(carrier.toBytes());
        WindowLoad borrowed = WindowLoad.fromBytes(borrower.toBytes());

        // Then: only the carrier's bytes hold the sketch, and only the carrier's partial adds to a merged load
        assertThat(carried.windowHeavyKeys().getEstimate("hot")).isEqualTo(5);
        assertThat(borrowed.windowHeavyKeys()).isNull();
        assertThat(borrower.toBytes().length).isLessThan(carrier.toBytes().length);
        WindowLoad merged = new WindowLoad("a", 0, 2);
        merged.merge(borrowed);
        assertThat(merged.windowHeavyKeys()).isNull();
        merged.merge(carried);
        merged.merge(carried);
        assertThat(merged.windowHeavyKeys().getEstimate("hot")).isEqualTo(10);
        // A load that only borrows the sketch must not add other partials' keys to it: that would count them twice.
        assertThatThrownBy(() -> borrower.merge(carried))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("borrows");
    }

    @Test
    void shouldRouteEveryWindowStableStrategyToItsCarriersMergeTask() {
        // Given: three window-stable strategies, and time buckets (60 s) that are no multiple of the 7 s windows
        StrategySet strategies = StrategySet.of(
                List.of("observed", "murmur3-channel", "jump", "consistent-hash", "time-bucket"),
                12,
                Arrays.asList(
                        null,
                        Strategies.create("murmur3-channel", 12, Map.of()),
                        Strategies.create("jump", 12, Map.of()),
                        Strategies.create("consistent-hash", 12, Map.of()),
                        Strategies.create("time-bucket", 12, Map.of())),
                7_000);
        PartialsPartitioner partitioner = new PartialsPartitioner(strategies);

        // Then: the carrier is the first window-stable strategy; the others follow it on its route, the rest have a
        // route each, numbered in order: one merge partition per route by default, none shared
        assertThat(strategies.windowHeavyKeysCarrier()).isEqualTo(1);
        assertThat(strategies.mergeRoutes()).isEqualTo(3);
        assertThat(strategies.mergePartitions(0)).isEqualTo(3);
        assertThat(strategies.mergePartitions(8)).isEqualTo(8);
        assertThat(partitioner.partitionOf("observed", 3)).isZero();
        assertThat(partitioner.partitionOf("murmur3-channel", 3)).isEqualTo(1);
        assertThat(partitioner.partitionOf("jump", 3)).isEqualTo(1);
        assertThat(partitioner.partitionOf("consistent-hash", 3)).isEqualTo(1);
        assertThat(partitioner.partitionOf("time-bucket", 3)).isEqualTo(2);
        // fewer partitions than routes: routes share them, the window-stable ones still together
        assertThat(partitioner.partitionOf("time-bucket", 2)).isZero();
        assertThat(partitioner.partitionOf("jump", 2)).isEqualTo(partitioner.partitionOf("murmur3-channel", 2));
        // a name that is no strategy here (a query) is hashed
        assertThat(partitioner.partitionOf("geo", 24))
                .isEqualTo(Utils.toPositive(Utils.murmur2(Utils.utf8("geo"))) % 24);
    }
}
