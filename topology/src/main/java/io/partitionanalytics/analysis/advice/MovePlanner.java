package io.partitionanalytics.analysis.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the fewest partition moves that bring every node's load to at most a goal.
 *
 * <p>Fewest moves is a bin-packing question (NP-hard in general), so the planner works in two steps:
 *
 * <ol>
 *   <li><b>Greedy</b>: take the hottest node; of its partitions, move the one that most lowers the larger of the two
 *       loads (hottest node after, least-loaded node after) onto the least-loaded node; repeat until the goal holds, no
 *       move helps, or the move limit is reached. Fast, and usually optimal.
 *   <li><b>Exact search</b>: iterative deepening over sets of moves (each partition at most once, to any other node), from
 *       the obvious lower bound (one move off every node above the goal) up to the greedy plan's length. The first depth
 *       with a solution is the minimum; among its solutions the lowest peak wins, then the least load moved, then the
 *       first in (partition, node) order. The search stops after a budget of evaluated steps; the greedy plan then
 *       stands, and is no longer guaranteed minimal.
 * </ol>
 *
 * <p>Everything is deterministic: ties go to the lowest partition and node indices.
 */
final class MovePlanner {

    /** Partition {@code partition} goes from node index {@code from} to node index {@code to}. */
    record Move(int partition, int from, int to) {}

    /** The moves, in increasing partition order, and every node's load afterwards. */
    record Plan(List<Move> moves, long[] nodeLoads, boolean provenMinimal) {}

    private final long[] partitionLoads;
    private final int[] nodeOf;
    private final int nodes;
    private final double goal;
    private final int maxMoves;
    private final long budget;

    private MovePlanner(long[] partitionLoads, int[] nodeOf, int nodes, double goal, int maxMoves, long budget) {
        this.partitionLoads = partitionLoads;
        this.nodeOf = nodeOf;
        this.nodes = nodes;
        this.goal = goal;
        this.maxMoves = maxMoves;
        this.budget = budget;
    }

    /**
     * @param partitionLoads load of each partition
     * @param nodeOf node index of each partition
     * @param nodes number of nodes (indices 0..nodes-1; nodes without partitions included)
     * @param goal the largest node load allowed afterwards
     * @param maxMoves plans longer than this are not returned
     * @param budget steps the exact search may take
     * @return a plan with at least one move, or empty when the goal already holds or no plan within the limits reaches it
     */
    static Optional<Plan> plan(long[] partitionLoads, int[] nodeOf, int nodes, double goal, int maxMoves, long budget) {
        return new MovePlanner(partitionLoads, nodeOf, nodes, goal, maxMoves, budget).plan();
    }

    static long[] nodeLoads(long[] partitionLoads, int[] nodeOf, int nodes) {
        long[] loads = new long[nodes];
        for (int p = 0; p < partitionLoads.length; p++) {
            loads[nodeOf[p]] += partitionLoads[p];
        }
        return loads;
    }

    private Optional<Plan> plan() {
        long[] loads = nodeLoads(partitionLoads, nodeOf, nodes);
        if (fits(loads)) {
            return Optional.empty();
        }
        List<Move> greedy = greedy();
        int upper = greedy == null ? maxMoves : greedy.size();
        Search search = new Search(loads);
        for (int depth = Math.max(1, overGoal(loads)); depth <= upper; depth++) {
            search.run(depth);
            if (search.exhausted) {
                break;
            }
            if (search.best != null) {
                return Optional.of(planOf(search.best, true));
            }
        }
        // Either the search ran out of budget (the greedy plan stands) or it proved there is no plan of at most
        // maxMoves (greedy is then null too).
        return greedy == null ? Optional.empty() : Optional.of(planOf(greedy, false));
    }

    private List<Move> greedy() {
        long[] loads = nodeLoads(partitionLoads, nodeOf, nodes);
        int[] at = nodeOf.clone();
        boolean[] moved = new boolean[partitionLoads.length];
        List<Move> moves = new ArrayList<>();
        while (!fits(loads) && moves.size() < maxMoves) {
            int hot = 0;
            for (int n = 1; n < nodes; n++) {
                if (loads[n] > loads[hot]) {
                    hot = n;
                }
            }
            int cold = -1;
            for (int n = 0; n < nodes; n++) {
                if (n != hot && (cold < 0 || loads[n] < loads[cold])) {
                    cold = n;
                }
            }
            if (cold < 0) {
                return null; // a single node: nowhere to move to
            }
            int best = -1;
            long bestPeak = loads[hot];
            for (int p = 0; p < partitionLoads.length; p++) {
                if (at[p] != hot || moved[p] || partitionLoads[p] == 0) {
                    continue;
                }
                long x = partitionLoads[p];
                long peak = Math.max(loads[hot] - x, loads[cold] + x);
                // Lower peak first; at an equal peak, the lighter partition (less traffic to move).
                if (peak < bestPeak || (peak == bestPeak && best >= 0 && x < partitionLoads[best])) {
                    best = p;
                    bestPeak = peak;
                }
            }
            if (best < 0) {
                return null; // no single move off the hottest node lowers its load without overloading another
            }
            loads[hot] -= partitionLoads[best];
            loads[cold] += partitionLoads[best];
            at[best] = cold;
            moved[best] = true;
            moves.add(new Move(best, hot, cold));
        }
        return fits(loads) ? sorted(moves) : null;
    }

    private Plan planOf(List<Move> moves, boolean provenMinimal) {
        long[] loads = nodeLoads(partitionLoads, nodeOf, nodes);
        for (Move m : moves) {
            loads[m.from()] -= partitionLoads[m.partition()];
            loads[m.to()] += partitionLoads[m.partition()];
        }
        return new Plan(List.copyOf(moves), loads, provenMinimal);
    }

    private boolean fits(long[] loads) {
        return overGoal(loads) == 0;
    }

    private int overGoal(long[] loads) {
        int over = 0;
        for (long load : loads) {
            if (load > goal) {
                over++;
            }
        }
        return over;
    }

    private static List<Move> sorted(List<Move> moves) {
        List<Move> out = new ArrayList<>(moves);
        out.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        return out;
    }

    /** Depth-limited enumeration of move sets, partitions in increasing order, with undo. */
    private final class Search {
        private final long[] loads;
        /** Nodes above the goal, kept up to date move by move so that each step costs O(1), not O(nodes). */
        private int over;

        private final int[] partitions = new int[Math.max(1, maxMoves)];
        private final int[] targets = new int[Math.max(1, maxMoves)];
        private long steps;
        private boolean exhausted;
        private List<Move> best;
        private long bestPeak;
        private long bestMoved;

        Search(long[] loads) {
            this.loads = loads.clone();
            this.over = overGoal(loads);
        }

        private void shift(int from, int to, long x) {
            over -= (loads[from] > goal ? 1 : 0) + (loads[to] > goal ? 1 : 0);
            loads[from] -= x;
            loads[to] += x;
            over += (loads[from] > goal ? 1 : 0) + (loads[to] > goal ? 1 : 0);
        }

        void run(int depth) {
            best = null;
            dfs(0, 0, depth, 0);
        }

        private void dfs(int start, int chosen, int depth, long movedLoad) {
            if (exhausted) {
                return;
            }
            if (++steps > budget) {
                exhausted = true;
                return;
            }
            int left = depth - chosen;
            // Every node above the goal must still lose a partition, one move each.
            if (over > left) {
                return;
            }
            if (left == 0) {
                record(chosen, movedLoad);
                return;
            }
            for (int p = start; p <= partitionLoads.length - left; p++) {
                long x = partitionLoads[p];
                if (x == 0) {
                    continue; // moving an idle partition changes no load
                }
                int from = nodeOf[p];
                for (int to = 0; to < nodes; to++) {
                    if (to == from) {
                        continue;
                    }
                    shift(from, to, x);
                    partitions[chosen] = p;
                    targets[chosen] = to;
                    dfs(p + 1, chosen + 1, depth, movedLoad + x);
                    shift(to, from, x);
                    if (exhausted) {
                        return;
                    }
                }
            }
        }

        private void record(int count, long movedLoad) {
            long peak = 0;
            for (long load : loads) {
                peak = Math.max(peak, load);
            }
            if (best == null || peak < bestPeak || (peak == bestPeak && movedLoad < bestMoved)) {
                List<Move> moves = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    moves.add(new Move(partitions[i], nodeOf[partitions[i]], targets[i]));
                }
                best = moves;
                bestPeak = peak;
                bestMoved = movedLoad;
            }
        }
    }
}
