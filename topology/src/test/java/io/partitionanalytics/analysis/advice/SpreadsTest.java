package io.partitionanalytics.analysis.advice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class SpreadsTest {

    @Test
    void shouldSendHalfOfAPartitionToItsTwinWhenModNDoubles() {
        // h mod 6 = 2 means h mod 12 is 2 or 8, equally likely
        double[] shares = Spreads.modResize(6, 12).apply(2);

        assertThat(shares[2]).isEqualTo(0.5);
        assertThat(shares[8]).isEqualTo(0.5);
        assertThat(Arrays.stream(shares).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldKeepOneInNPlusOneWhenModNGrowsByOne() {
        // 12 -> 13: the residues of 156 are spread one per new partition
        double[] shares = Spreads.modResize(12, 13).apply(5);

        assertThat(shares).hasSize(13).containsOnly(1.0 / 13);
    }

    @Test
    void shouldMatchRealModNPlacementOfManyKeys() {
        // Given 100,000 keys on partition 3 of kafka-default at 8 partitions
        var at8 = Strategies.create("kafka-default", 8);
        var at12 = Strategies.create("kafka-default", 12);
        double[] counted = new double[12];
        int keys = 0;
        for (int i = 0; keys < 100_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            if (at8.partition(key, 0, Double.NaN, Double.NaN) == 3) {
                counted[at12.partition(key, 0, Double.NaN, Double.NaN)]++;
                keys++;
            }
        }

        // Then where they go at 12 partitions is what the residue model says (3 and 11, half each)
        double[] modelled = Spreads.modResize(8, 12).apply(3);
        for (int q = 0; q < 12; q++) {
            assertThat(counted[q] / keys).as("partition %d", q).isCloseTo(modelled[q], within(0.01));
        }
    }

    @Test
    void shouldKeepFromOverToUnderJumpHash() {
        double[] shares = Spreads.jumpResize(10, 12).apply(4);

        assertThat(shares[4]).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(shares[10]).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(shares[11]).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(shares[0]).isZero();
    }

    @Test
    void shouldCarryRingArcsToTheirNewOwners() {
        // Given a coarse ring and a finer one over the same 6 nodes
        ConsistentHashRing before = ConsistentHashRing.ofNodes(6, 4, 0);
        ConsistentHashRing after = ConsistentHashRing.ofNodes(6, 64, 0);
        IntFunction<double[]> change = Spreads.ringChange(before, after, 6);

        // When 200,000 keys of node 2 are placed on the new ring
        double[] counted = new double[6];
        int keys = 0;
        for (int i = 0; keys < 200_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
            if (before.ownerOfKey(key, 0, key.length) == 2) {
                counted[after.ownerOfKey(key, 0, key.length)]++;
                keys++;
            }
        }

        // Then they go where the arc overlap says
        double[] modelled = change.apply(2);
        for (int q = 0; q < 6; q++) {
            assertThat(counted[q] / keys).as("node %d", q).isCloseTo(modelled[q], within(0.01));
        }
    }

    @Test
    void shouldKeepEveryKeyOnAnUnchangedRingAndMoveOnlyToANewNode() {
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(5, 32, 0);
        ConsistentHashRing grown = ConsistentHashRing.ofNodes(6, 32, 0);

        assertThat(Spreads.ringChange(ring, ring, 5).apply(3)[3]).isCloseTo(1.0, within(1e-12));
        double[] shares = Spreads.ringChange(ring, grown, 6).apply(3);
        assertThat(shares[3] + shares[5]).isCloseTo(1.0, within(1e-12));
        assertThat(shares[5]).isGreaterThan(0);
    }

    @Test
    void shouldRebucketTimeByOverlap() {
        // A 5 s window over 1 s buckets on 12 partitions, halved to 500 ms: each bucket splits over two partitions
        long start = LoadFixtures.WINDOW_START;
        IntFunction<double[]> rebucket = Spreads.rebucket(start, start + 5_000, 1_000, 12, 500, 12);
        int p = (int) Math.floorMod(start / 1_000, 12L);

        double[] shares = rebucket.apply(p);
        int first = (int) Math.floorMod(start / 500, 12L);
        assertThat(shares[first]).isCloseTo(0.5, within(1e-12));
        assertThat(shares[(first + 1) % 12]).isCloseTo(0.5, within(1e-12));
        assertThat(Spreads.timeShares(start, start + 5_000, 60_000, 12)[(int) Math.floorMod(start / 60_000, 12L)])
                .isEqualTo(1.0);
    }
}
