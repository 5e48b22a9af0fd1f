package io.partitionanalytics.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The heaviest pieces of traffic, found in one pass with a bounded heap (O(n log k), k entries of memory). */
public final class TopTraffic {

    private TopTraffic() {}

    /**
     * The {@code k} units with the most events, heaviest first; ties by bytes, then by {@code tieBreak} (ascending), so
     * that the answer does not depend on iteration order.
     */
    public static <T extends Traffic> List<T> heaviest(
            Iterable<? extends T> units, int k, Comparator<? super T> tieBreak) {
        if (k <= 0) {
            return List.of();
        }
        Comparator<T> heavierFirst = Comparator.<T>comparingLong(Traffic::events)
                .thenComparingLong(Traffic::bytes)
                .reversed()
                .thenComparing(tieBreak);
        // The heap's head is the lightest of the current top k, the one to evict.
        PriorityQueue<T> heap = new PriorityQueue<>(k + 1, heavierFirst.reversed());
        for (T unit : units) {
            heap.add(unit);
            if (heap.size() > k) {
                heap.poll();
            }
        }
        List<T> top = new ArrayList<>(heap);
        top.sort(heavierFirst);
        return top;
    }

    /** {@link #heaviest} for keys, ties broken by the key bytes (unsigned lexicographic). */
    public static List<KeyTraffic> heaviestKeys(Iterable<KeyTraffic> keys, int k) {
        return heaviest(keys, k, (a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
    }
}
