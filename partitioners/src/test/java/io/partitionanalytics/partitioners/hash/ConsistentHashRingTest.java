package io.partitionanalytics.partitioners.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistentHashRingTest {

    @Test
    void shouldPlaceVnodesAtTheDocumentedLabels() {
        // Given the documented label, hashed by an independent Murmur3
        byte[] label = "node-3-vnode-17".getBytes(StandardCharsets.US_ASCII);
        long expected = MurmurHash3.hash128x64(label, 0, label.length, 42)[0];

        // When / Then
        assertThat(ConsistentHashRing.vnodePosition(3, 17, 42)).isEqualTo(expected);
    }

    @Test
    void shouldPlaceKeysAtTheirMurmur3H1WithSeedZero() {
        byte[] key = "channel-7".getBytes(StandardCharsets.UTF_8);
        assertThat(ConsistentHashRing.keyPosition(key, 0, key.length))
                .isEqualTo(MurmurHash3.hash128x64(key, 0, key.length, 0)[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 300})
    void shouldGiveEveryPositionToTheFirstVnodeClockwise(int vnodes) {
        // Given a ring of nodes with unordered, non-contiguous ids, and its vnodes listed the slow way
        int[] nodes = {40, -3, 7, 1000, 12};
        ConsistentHashRing ring = ConsistentHashRing.of(nodes, vnodes, 5);
        List<long[]> vnodeList = new ArrayList<>(); // {position, node}
        for (int node : nodes) {
            for (int v = 0; v < vnodes; v++) {
                vnodeList.add(new long[] {ConsistentHashRing.vnodePosition(node, v, 5), node});
            }
        }

        // Probes: random positions, every vnode position and its neighbours, and the ends of the ring
        SplittableRandom random = new SplittableRandom(vnodes);
        List<Long> probes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            probes.add(random.nextLong());
        }
        for (long[] vnode : vnodeList) {
            probes.add(vnode[0]);
            probes.add(vnode[0] - 1);
            probes.add(vnode[0] + 1);
        }
        probes.add(Long.MIN_VALUE);
        probes.add(Long.MAX_VALUE);

        for (long position : probes) {
            // When / Then
            assertThat(ring.ownerOf(position)).as("position %d", position).isEqualTo(naiveOwner(vnodeList, position));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 16, 64, 256})
    void shouldHaveOwnershipRelativeStdDevOfAboutOneOverSqrtVnodes(int vnodes) {
        // Given many independently seeded rings of 64 nodes
        int nodes = 64;
        int seeds = 40;
        double sum = 0;
        for (int seed = 0; seed < seeds; seed++) {
            // When
            double[] share = ConsistentHashRing.ofNodes(nodes, vnodes, seed).ownership();

            // Then each ring's shares add up to the whole ring
            assertThat(Arrays.stream(share).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
            sum += relativeStdDev(share);
        }
        double mean = sum / seeds;
        double expected = 1 / Math.sqrt(vnodes);
        assertThat(mean / expected)
                .as("mean relative std-dev %.4f vs 1/sqrt(V) %.4f", mean, expected)
                .isBetween(0.85, 1.15);
    }

    @Test
    void shouldMatchOwnershipWithTheShareOfKeys() {
        // Given
        ConsistentHashRing ring = ConsistentHashRing.ofNodes(8, 16, 3);
        int[] counts = new int[8];
        List<byte[]> keys = TestKeys.distinct(3, 200_000);

        // When
        for (byte[] key : keys) {
            counts[ring.ownerOfKey(key, 0, key.length)]++;
        }

        // Then
        double[] share = ring.ownership();
        for (int node = 0; node < 8; node++) {
            assertThat((double) counts[node] / keys.size())
                    .as("node %d", node)
                    .isCloseTo(share[node], org.assertj.core.data.Offset.offset(0.005));
        }
    }

    @Test
    void shouldMoveAboutOneOverNPlusOneOfKeysOnlyToTheAddedNode() {
        // Given rings of N and N + 1 nodes, over many seeds
        int n = 16;
        int vnodes = 256;
        List<byte[]> keys = TestKeys.distinct(11, 20_000);
        double ratioSum = 0;
        int seeds = 20;
        for (int seed = 0; seed < seeds; seed++) {
            ConsistentHashRing before = ConsistentHashRing.ofNodes(n, vnodes, seed);
            ConsistentHashRing after = ConsistentHashRing.ofNodes(n + 1, vnodes, seed);
            int moved = 0;

            // When
            for (byte[] key : keys) {
                int from = before.ownerOfKey(key, 0, key.length);
                int to = after.ownerOfKey(key, 0, key.length);
                if (from != to) {
                    moved++;
                    // Then a key only ever moves to the new node
                    assertThat(to).isEqualTo(n);
                }
            }
            ratioSum += (double) moved / keys.size() / (1.0 / (n + 1));
        }
        assertThat(ratioSum / seeds).as("moved / (1/(N+1)), mean over seeds").isBetween(0.9, 1.1);
    }

    @Test
    void shouldMoveOnlyTheRemovedNodesKeys() {
        // Given a ring, and the same ring without one node from the middle
        int[] all = IntStream.range(0, 10).toArray();
        int removed = 4;
        int[] remaining = IntStream.range(0, 10).filter(i -> i != removed).toArray();
        ConsistentHashRing before = ConsistentHashRing.of(all, 64, 9);
        ConsistentHashRing after = ConsistentHashRing.of(remaining, 64, 9);
        int movedKeys = 0;

        for (byte[] key : TestKeys.distinct(21, 50_000)) {
            // When
            int from = before.ownerOfKey(key, 0, key.length);
            int to = after.ownerOfKey(key, 0, key.length);

            // Then
            if (from != removed) {
                assertThat(to).isEqualTo(from);
            } else {
                movedKeys++;
                assertThat(to).isNotEqualTo(removed);
            }
        }
        assertThat(movedKeys).isPositive();
    }

    @Test
    void shouldOwnTheWholeRingWithASingleVnode() {
        ConsistentHashRing ring = ConsistentHashRing.of(new int[] {5}, 1, 0);
        assertThat(ring.ownership()).containsExactly(1.0);
        assertThat(ring.ownerOf(Long.MIN_VALUE)).isEqualTo(5);
        assertThat(ring.ownerOf(Long.MAX_VALUE)).isEqualTo(5);
    }

    @Test
    void shouldRejectBadRings() {
        assertThatThrownBy(() -> ConsistentHashRing.of(new int[0], 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsistentHashRing.of(new int[] {1, 2, 1}, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate node id 1");
        assertThatThrownBy(() -> ConsistentHashRing.ofNodes(3, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vnodes");
        assertThatThrownBy(() -> ConsistentHashRing.ofNodes(1 << 12, 1 << 13, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds");
    }

    /** The definition, by brute force: the smallest position >= p (ties to the lower node), else the smallest overall. */
    private static int naiveOwner(List<long[]> vnodes, long position) {
        long[] best = null;
        long[] smallest = null;
        for (long[] v : vnodes) {
            if (v[0] >= position && (best == null || v[0] < best[0] || (v[0] == best[0] && v[1] < best[1]))) {
                best = v;
            }
            if (smallest == null || v[0] < smallest[0] || (v[0] == smallest[0] && v[1] < smallest[1])) {
                smallest = v;
            }
        }
        return (int) (best != null ? best[1] : smallest[1]);
    }

    private static double relativeStdDev(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double variance =
                Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        return Math.sqrt(variance) / mean;
    }
}
