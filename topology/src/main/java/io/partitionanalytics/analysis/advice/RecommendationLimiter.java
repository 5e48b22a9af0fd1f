package io.partitionanalytics.analysis.advice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * At most one recommendation per (strategy, kind) per interval (default one minute), unless the plan changes
 * materially: the same advice every 5-second window would drown its readers, but a different plan is news.
 *
 * <p>A plan changes materially when its actions differ in what they act on (action, partition, key, nodes), or in a
 * parameter: a numeric one (salt factor, partition count, vnodes) by more than a relative {@code materialChange}
 * (default 25%), any other (split key, strategy, options) at all. So salting by 24 instead of 22 sub-keys is the same
 * advice; moving partition 3 instead of 7, or to another node, is not.
 *
 * <p>State is one entry per (strategy, kind), so bounded by strategies × kinds. Not thread-safe: one per processor.
 * {@link #lastEmitted} and {@link #restore} let a caller keep the state in a store across restarts.
 */
public final class RecommendationLimiter {

    public static final long DEFAULT_INTERVAL_MS = 60_000L;
    public static final double DEFAULT_MATERIAL_CHANGE = 0.25;

    /** What was last let through for one (strategy, kind). */
    public record Emitted(long atMs, List<Action> actions) {
        public Emitted {
            actions = List.copyOf(actions);
        }
    }

    private record Slot(String strategy, RecommendationKind kind) {}

    private final long intervalMs;
    private final double materialChange;
    private final Map<Slot, Emitted> last = new HashMap<>();

    public RecommendationLimiter() {
        this(DEFAULT_INTERVAL_MS, DEFAULT_MATERIAL_CHANGE);
    }

    /**
     * @param intervalMs minimum time between two recommendations of the same (strategy, kind) with the same plan
     * @param materialChange relative change of a numeric parameter that makes a plan new, in (0, 1]
     */
    public RecommendationLimiter(long intervalMs, double materialChange) {
        if (intervalMs < 0) {
            throw new IllegalArgumentException("interval must be >= 0 ms, got " + intervalMs);
        }
        if (!(materialChange > 0 && materialChange <= 1)) {
            throw new IllegalArgumentException("material change must be in (0, 1], got " + materialChange);
        }
        this.intervalMs = intervalMs;
        this.materialChange = materialChange;
    }

    /**
     * Whether to emit {@code recommendation} now; if so, it becomes the last emitted of its (strategy, kind).
     *
     * @param nowMs the caller's clock (wall clock or stream time, used consistently); a clock that goes back counts as
     *     no time passed
     */
    public boolean admit(Recommendation recommendation, long nowMs) {
        Slot slot = new Slot(recommendation.strategy(), recommendation.kind());
        Emitted previous = last.get(slot);
        boolean admit = previous == null
                || nowMs - previous.atMs() >= intervalMs
                || materiallyDifferent(previous.actions(), recommendation.actions(), materialChange);
        if (admit) {
            last.put(slot, new Emitted(nowMs, recommendation.actions()));
        }
        return admit;
    }

    public Optional<Emitted> lastEmitted(String strategy, RecommendationKind kind) {
        return Optional.ofNullable(last.get(new Slot(strategy, kind)));
    }

    /** Puts back state saved from {@link #lastEmitted}, e.g. after a restart. */
    public void restore(String strategy, RecommendationKind kind, Emitted emitted) {
        last.put(new Slot(Objects.requireNonNull(strategy), Objects.requireNonNull(kind)), emitted);
    }

    /** Whether two plans differ materially (see the class comment); the order of actions does not matter. */
    public static boolean materiallyDifferent(List<Action> a, List<Action> b, double materialChange) {
        if (a.size() != b.size()) {
            return true;
        }
        Map<String, String> valuesA = byTarget(a);
        Map<String, String> valuesB = byTarget(b);
        if (valuesA == null || valuesB == null || !valuesA.keySet().equals(valuesB.keySet())) {
            return true;
        }
        for (Map.Entry<String, String> e : valuesA.entrySet()) {
            if (!sameValue(e.getValue(), valuesB.get(e.getKey()), materialChange)) {
                return true;
            }
        }
        return false;
    }

    /** Action target (everything but the value) to value; null if two actions share a target. */
    private static Map<String, String> byTarget(List<Action> actions) {
        Map<String, String> out = new HashMap<>();
        for (Action action : actions) {
            String target = new Action(
                            action.action(), action.partition(), action.key(), action.fromNode(), action.toNode(), null)
                    .canonical();
            if (out.containsKey(target)) {
                return null;
            }
            out.put(target, action.value());
        }
        return out;
    }

    private static boolean sameValue(String a, String b, double materialChange) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            double scale = Math.max(Math.abs(x), Math.abs(y));
            return scale == 0 || Math.abs(x - y) / scale <= materialChange;
        } catch (NumberFormatException notNumeric) {
            return false;
        }
    }
}
