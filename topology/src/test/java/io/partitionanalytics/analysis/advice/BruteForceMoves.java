package io.partitionanalytics.analysis.advice;

/**
 * The fewest partition moves that bring every node to at most a goal, found by trying everything: the reference the
 * planner is checked against. Deliberately naive and independent of {@link MovePlanner}.
 */
public final class BruteForceMoves {

    private BruteForceMoves() {}

    /** Over every assignment of partitions to nodes (nodes^partitions of them): the fewest partitions off their node. */
    static int fewestMovesByAssignment(long[] loads, int[] nodeOf, int nodes, double goal) {
        int partitions = loads.length;
        long assignments = Math.round(Math.pow(nodes, partitions));
        int best = Integer.MAX_VALUE;
        int[] at = new int[partitions];
        for (long code = 0; code < assignments; code++) {
            long c = code;
            for (int p = 0; p < partitions; p++) {
                at[p] = (int) (c % nodes);
                c /= nodes;
            }
            long[] nodeLoads = new long[nodes];
            int moved = 0;
            for (int p = 0; p < partitions; p++) {
                nodeLoads[at[p]] += loads[p];
                if (at[p] != nodeOf[p]) {
                    moved++;
                }
            }
            boolean fits = true;
            for (long l : nodeLoads) {
                fits &= l <= goal;
            }
            if (fits) {
                best = Math.min(best, moved);
            }
        }
        return best;
    }

    /**
     * Over every set of at most {@code maxMoves} moves (each chosen partition to each other node): the fewest that fit,
     * or {@code Integer.MAX_VALUE}. For layouts too large to enumerate whole.
     */
    public static int fewestMovesUpTo(long[] loads, int[] nodeOf, int nodes, double goal, int maxMoves) {
        for (int d = 0; d <= maxMoves; d++) {
            if (anyOfSize(loads, nodeOf.clone(), nodes, goal, d, 0)) {
                return d;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static boolean anyOfSize(long[] loads, int[] at, int nodes, double goal, int left, int from) {
        if (left == 0) {
            long[] nodeLoads = new long[nodes];
            for (int p = 0; p < loads.length; p++) {
                nodeLoads[at[p]] += loads[p];
            }
            for (long l : nodeLoads) {
                if (l > goal) {
                    return false;
                }
            }
            return true;
        }
        for (int p = from; p < loads.length; p++) {
            int original = at[p];
            for (int n = 0; n < nodes; n++) {
                if (n == original) {
                    continue;
                }
                at[p] = n;
                if (anyOfSize(loads, at, nodes, goal, left - 1, p + 1)) {
                    at[p] = original;
                    return true;
                }
            }
            at[p] = original;
        }
        return false;
    }
}
