package io.partitionanalytics.analysis;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import java.util.Arrays;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * What a change of placement would move: of the keys (or other pieces of {@link Traffic}) observed, how many land on a
 * different partition afterwards, and how many events and bytes go with them. This is the cost side of every
 * re-partitioning decision: mod-N hashing moves about N/(N+1) of the keys when a partition is added, jump hash and a
 * consistent-hash ring only about 1/(N+1).
 *
 * <p>Partitions are compared by number: partition 3 before and partition 3 after are the same place. For a ring that
 * holds because node ids are partition numbers.
 *
 * @param keys pieces of traffic compared (keys, or (key, time bucket) pairs for time strategies)
 * @param keysMoved those whose partition changes
 * @param events events of all pieces
 * @param eventsMoved events of the pieces that move
 * @param bytes bytes of all pieces
 * @param bytesMoved bytes of the pieces that move
 */
public record Movement(long keys, long keysMoved, long events, long eventsMoved, long bytes, long bytesMoved) {

    /** Fraction of the keys whose partition changes; 0 when there are none. */
    public double keyFraction() {
        return fraction(keysMoved, keys);
    }

    /** Fraction of the events that would go to another partition. */
    public double eventFraction() {
        return fraction(eventsMoved, events);
    }

    /** Fraction of the bytes that would go to another partition. */
    public double byteFraction() {
        return fraction(bytesMoved, bytes);
    }

    /**
     * The general form: each unit is placed by {@code before} and by {@code after}; those placed differently move.
     *
     * @param <T> what is placed as a whole (a key, a key in a time bucket, ...)
     */
    public static <T extends Traffic> Movement measure(
            Iterable<? extends T> units, ToIntFunction<? super T> before, ToIntFunction<? super T> after) {
        long keys = 0;
        long keysMoved = 0;
        long events = 0;
        long eventsMoved = 0;
        long bytes = 0;
        long bytesMoved = 0;
        for (T unit : units) {
            keys++;
            events += unit.events();
            bytes += unit.bytes();
            if (before.applyAsInt(unit) != after.applyAsInt(unit)) {
                keysMoved++;
                eventsMoved += unit.events();
                bytesMoved += unit.bytes();
            }
        }
        return new Movement(keys, keysMoved, events, eventsMoved, bytes, bytesMoved);
    }

    /**
     * Keys placed by one strategy, then by another (for example {@code kafka-default} -> {@code jump}). Only the key is
     * given to the strategies (event time 0, no location), so this is for strategies that depend on the key alone; for
     * time or geo strategies use {@link #measure} with placements that know each unit's event time or location.
     */
    public static Movement between(Iterable<KeyTraffic> keys, PartitionStrategy before, PartitionStrategy after) {
        return measure(keys, byKey(before), byKey(after));
    }

    /**
     * The same strategy, with the same options, at {@code from} and at {@code to} partitions: adding partitions when
     * {@code to > from}, removing the last ones when {@code to < from}.
     *
     * @throws io.partitionanalytics.partitioners.InvalidStrategyException if the strategy cannot be built at either
     *     count (for example explicit range boundaries, which fit one N only)
     */
    public static Movement resize(
            Iterable<KeyTraffic> keys, String strategy, Map<String, String> options, int from, int to) {
        return between(keys, Strategies.create(strategy, from, options), Strategies.create(strategy, to, options));
    }

    /**
     * A ring before and after node {@code newNode} joins it with the ring's vnode count and seed. Only keys on the arcs
     * the new node takes over move, all of them to the new node.
     *
     * @throws IllegalArgumentException if {@code newNode} is already on the ring
     */
    public static Movement ringNodeAdded(Iterable<KeyTraffic> keys, ConsistentHashRing ring, int newNode) {
        int[] ids = ring.nodeIds();
        if (Arrays.stream(ids).anyMatch(id -> id == newNode)) {
            throw new IllegalArgumentException("node " + newNode + " is already on the ring");
        }
        int[] grown = Arrays.copyOf(ids, ids.length + 1);
        grown[ids.length] = newNode;
        return betweenRings(keys, ring, ConsistentHashRing.of(grown, ring.vnodesPerNode(), ring.seed()));
    }

    /**
     * A ring before and after node {@code node} leaves it. Exactly the keys that node owned move (to the successors of
     * its vnodes); nothing else does.
     *
     * @throws IllegalArgumentException if {@code node} is not on the ring or is its only node
     */
    public static Movement ringNodeRemoved(Iterable<KeyTraffic> keys, ConsistentHashRing ring, int node) {
        int[] remaining = Arrays.stream(ring.nodeIds()).filter(id -> id != node).toArray();
        if (remaining.length == ring.nodeIds().length) {
            throw new IllegalArgumentException("node " + node + " is not on the ring");
        }
        if (remaining.length == 0) {
            throw new IllegalArgumentException("cannot remove the only node of a ring");
        }
        return betweenRings(keys, ring, ConsistentHashRing.of(remaining, ring.vnodesPerNode(), ring.seed()));
    }

    private static Movement betweenRings(
            Iterable<KeyTraffic> keys, ConsistentHashRing before, ConsistentHashRing after) {
        return measure(
                keys,
                (KeyTraffic k) -> before.ownerOfKey(k.key(), 0, k.key().length),
                (KeyTraffic k) -> after.ownerOfKey(k.key(), 0, k.key().length));
    }

    private static ToIntFunction<KeyTraffic> byKey(PartitionStrategy strategy) {
        return k -> strategy.partition(k.key(), 0L, Double.NaN, Double.NaN);
    }

    private static double fraction(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
