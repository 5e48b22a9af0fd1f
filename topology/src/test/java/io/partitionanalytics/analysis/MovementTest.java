package io.partitionanalytics.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MovementTest {

    private static final List<KeyTraffic> KEYS = TrafficFixtures.uniformKeys(20_000);

    @Test
    void shouldMoveAlmostEveryKeyWhenModNGrowsByOne() {
        // When kafka-default (murmur2 mod N) goes from 10 to 11 partitions
        Movement moved = Movement.resize(KEYS, "kafka-default", Map.of(), 10, 11);

        // Then a key stays only if h mod 10 == h mod 11: about 1/11 of them
        assertThat(moved.keys()).isEqualTo(20_000);
        assertThat(moved.keyFraction()).isCloseTo(10.0 / 11, within(0.02));
        assertThat(moved.eventFraction()).isEqualTo(moved.keyFraction());
    }

    @Test
    void shouldMoveAboutOneInNPlusOneKeysWhenJumpGrowsByOne() {
        // When jump goes from 10 to 11 partitions
        PartitionStrategy before = Strategies.create("jump", 10);
        PartitionStrategy after = Strategies.create("jump", 11);
        Movement moved = Movement.between(KEYS, before, after);

        // Then about 1/11 of the keys move, and only to the new partition
        assertThat(moved.keyFraction()).isCloseTo(1.0 / 11, within(0.01));
        for (KeyTraffic k : KEYS) {
            int b = before.partition(k.key(), 0, Double.NaN, Double.NaN);
            int a = after.partition(k.key(), 0, Double.NaN, Double.NaN);
            if (a != b) {
                assertThat(a).isEqualTo(10);
            }
        }
    }

    @Test
    void shouldMoveOnlyKeysToANodeAddedToARing() {
        // Given a ring of 10 nodes x 256 vnodes
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(10, 256, 0);
        ConsistentHashRing grown = ConsistentHashRing.ofNodes(11, 256, 0);

        // When node 10 joins
        Movement moved = Movement.ringNodeAdded(KEYS, ring, 10);

        // Then about 1/11 of the keys move, each to node 10
        assertThat(moved.keyFraction()).isCloseTo(1.0 / 11, within(0.015));
        long changed = 0;
        for (KeyTraffic k : KEYS) {
            int b = ring.ownerOfKey(k.key(), 0, k.key().length);
            int a = grown.ownerOfKey(k.key(), 0, k.key().length);
            if (a != b) {
                assertThat(a).isEqualTo(10);
                changed++;
            }
        }
        assertThat(moved.keysMoved()).isEqualTo(changed);
    }

    @Test
    void shouldMoveExactlyTheKeysOfARemovedRingNode() {
        // Given a ring of 5 nodes with few vnodes, so shares are uneven
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(5, 4, 0);
        long ownedByNode2 = KEYS.stream()
                .filter(k -> ring.ownerOfKey(k.key(), 0, k.key().length) == 2)
                .count();

        // When node 2 leaves
        Movement moved = Movement.ringNodeRemoved(KEYS, ring, 2);

        // Then what moves is exactly what node 2 owned
        assertThat(ownedByNode2).isPositive();
        assertThat(moved.keysMoved()).isEqualTo(ownedByNode2);
    }

    @Test
    void shouldAgreeBetweenRingRemovalAndShrinkingTheStrategy() {
        // Removing the last node of a ring is what consistent-hash at N - 1 is (node ids are partitions)
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(6, 16, 7);
        Map<String, String> options = Map.of("vnodes", "16", "seed", "7");

        assertThat(Movement.ringNodeRemoved(KEYS, ring, 5))
                .isEqualTo(Movement.resize(KEYS, "consistent-hash", options, 6, 5));
        assertThat(Movement.ringNodeAdded(KEYS, ring, 6))
                .isEqualTo(Movement.resize(KEYS, "consistent-hash", options, 6, 7));
    }

    @Test
    void shouldWeighTrafficByEventsAndBytes() {
        // Given a heavy key and two light ones, and placements where only the heavy key moves
        KeyTraffic heavy = KeyTraffic.of("heavy", 90, 9_000);
        List<KeyTraffic> keys = List.of(heavy, KeyTraffic.of("a", 5, 1_000), KeyTraffic.of("b", 5, 0));

        // When
        Movement moved = Movement.measure(keys, k -> 0, k -> k == heavy ? 1 : 0);

        // Then one key in three, but 90% of the events and bytes
        assertThat(moved.keyFraction()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(moved.eventFraction()).isEqualTo(0.9);
        assertThat(moved.byteFraction()).isEqualTo(0.9);
        assertThat(moved).isEqualTo(new Movement(3, 1, 100, 90, 10_000, 9_000));
    }

    @Test
    void shouldMoveNothingWhenNothingChanges() {
        Movement moved = Movement.resize(KEYS, "murmur3-channel", Map.of(), 8, 8);

        assertThat(moved.keysMoved()).isZero();
        assertThat(moved.keyFraction()).isZero();
    }

    @Test
    void shouldGiveZeroFractionsForNoKeys() {
        Movement moved = Movement.resize(List.of(), "jump", Map.of(), 3, 4);

        assertThat(moved.keyFraction()).isZero();
        assertThat(moved.eventFraction()).isZero();
        assertThat(moved.byteFraction()).isZero();
    }

    @Test
    void shouldRefuseImpossibleRingChanges() {
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(3, 8, 0);

        assertThatThrownBy(() -> Movement.ringNodeAdded(KEYS, ring, 2)).hasMessageContaining("already on the ring");
        assertThatThrownBy(() -> Movement.ringNodeRemoved(KEYS, ring, 7)).hasMessageContaining("not on the ring");
        assertThatThrownBy(() -> Movement.ringNodeRemoved(KEYS, ConsistentHashRing.ofNodes(1, 8, 0), 0))
                .hasMessageContaining("only node");
    }
}
