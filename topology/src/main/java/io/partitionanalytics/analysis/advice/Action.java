package io.partitionanalytics.analysis.advice;

import java.util.Objects;

/**
 * One step of a recommendation's plan, with the fields of the {@code RecommendationAction} Avro record. Only {@code
 * action} is always present; the others are null when they do not apply to the step.
 *
 * @param action what to do: one of the constants of this class
 * @param partition the partition the step is about (the partition moved, split, or a key is pinned to)
 * @param key the key the step is about (salt-key, isolate-key), as the load snapshot names it
 * @param fromNode the node a partition leaves (move-partition)
 * @param toNode the node a partition goes to (move-partition)
 * @param value the step's parameter: split key or new bucket width, salt factor, directory options, partition count,
 *     strategy name, vnode count
 */
public record Action(String action, Integer partition, String key, String fromNode, String toNode, String value) {

    public static final String MOVE_PARTITION = "move-partition";
    public static final String SPLIT_AT = "split-at";
    public static final String SALT_KEY = "salt-key";
    public static final String ISOLATE_KEY = "isolate-key";
    public static final String ADD_PARTITIONS = "add-partitions";
    public static final String SWITCH_STRATEGY = "switch-strategy";
    public static final String SET_VNODES = "set-vnodes";

    public Action {
        Objects.requireNonNull(action, "action");
    }

    /** Lead of {@code partition} moves from one node to another. */
    public static Action movePartition(int partition, String fromNode, String toNode) {
        return new Action(MOVE_PARTITION, partition, null, fromNode, toNode, null);
    }

    /** Split {@code partition}; {@code value} is the split key (range) or the new bucket width (time-bucket). */
    public static Action splitAt(int partition, String value) {
        return new Action(SPLIT_AT, partition, null, null, null, value);
    }

    /** Spread {@code key}, now on {@code partition}, over {@code factor} sub-keys. */
    public static Action saltKey(String key, int partition, int factor) {
        return new Action(SALT_KEY, partition, key, null, null, Integer.toString(factor));
    }

    /** Pin {@code key} to {@code partition} with the given directory strategy options. */
    public static Action isolateKey(String key, int partition, String directoryOptions) {
        return new Action(ISOLATE_KEY, partition, key, null, null, directoryOptions);
    }

    /** Grow the strategy to {@code partitions} partitions in all. */
    public static Action addPartitions(int partitions) {
        return new Action(ADD_PARTITIONS, null, null, null, null, Integer.toString(partitions));
    }

    /** Switch to strategy {@code strategy} (its default options). */
    public static Action switchStrategy(String strategy) {
        return new Action(SWITCH_STRATEGY, null, null, null, null, strategy);
    }

    /** Set the ring's virtual nodes per partition. */
    public static Action setVnodes(int vnodes) {
        return new Action(SET_VNODES, null, null, null, null, Integer.toString(vnodes));
    }

    /**
     * The step as one unambiguous line, the same for equal actions: used for recommendation ids and plan comparison.
     * Each field is length-prefixed, so that no choice of key text can make two different actions print alike.
     */
    String canonical() {
        StringBuilder out = new StringBuilder();
        for (Object field : new Object[] {action, partition, key, fromNode, toNode, value}) {
            if (field == null) {
                out.append("-;");
            } else {
                String text = field.toString();
                out.append(text.length()).append(':').append(text).append(';');
            }
        }
        return out.toString();
    }
}
