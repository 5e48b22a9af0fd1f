package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.load.LoadSnapshot;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything the advisor looks at for one strategy and one closed window.
 *
 * @param snapshot the window's load of every partition of the strategy, with its heavy keys; the strategy's name and
 *     partition count are the snapshot's
 * @param strategyOptions the strategy's options as configured ({@code Strategies.create} keys; empty for defaults and
 *     for {@code observed})
 * @param nodes which node leads each partition, or null when unknown (then MOVE_PARTITIONS is not considered); must
 *     cover exactly the snapshot's partitions
 * @param settings thresholds and limits
 * @param triggerAlertId the hotspot alert that prompted this advice, or null; copied into every recommendation
 */
public record AdviceInput(
        LoadSnapshot snapshot,
        Map<String, String> strategyOptions,
        NodeModel nodes,
        AdvisorSettings settings,
        String triggerAlertId) {

    public AdviceInput {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(settings, "settings");
        // Sorted, so that anything derived from the options (rendered directory options) is deterministic.
        strategyOptions = strategyOptions == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(strategyOptions));
        int n = snapshot.numPartitions();
        if (n <= 0 || snapshot.partitions().size() != n) {
            throw new IllegalArgumentException("snapshot of " + snapshot.strategy() + " declares " + n
                    + " partitions but lists " + snapshot.partitions().size());
        }
        for (int p = 0; p < n; p++) {
            if (snapshot.partitions().get(p).partition() != p) {
                throw new IllegalArgumentException("snapshot partitions must be listed in order; index " + p
                        + " holds partition " + snapshot.partitions().get(p).partition());
            }
        }
        if (nodes != null && nodes.partitions() != n) {
            throw new IllegalArgumentException("the node model covers " + nodes.partitions()
                    + " partitions, the snapshot of " + snapshot.strategy() + " has " + n);
        }
    }

    /** Advice with default settings, no node model and no trigger alert. */
    public static AdviceInput of(LoadSnapshot snapshot, Map<String, String> strategyOptions) {
        return new AdviceInput(snapshot, strategyOptions, null, AdvisorSettings.DEFAULTS, null);
    }

    public AdviceInput withNodes(NodeModel value) {
        return new AdviceInput(snapshot, strategyOptions, value, settings, triggerAlertId);
    }

    public AdviceInput withSettings(AdvisorSettings value) {
        return new AdviceInput(snapshot, strategyOptions, nodes, value, triggerAlertId);
    }

    public AdviceInput withTriggerAlertId(String value) {
        return new AdviceInput(snapshot, strategyOptions, nodes, settings, value);
    }

    /** The strategy's name (the snapshot's). */
    public String strategy() {
        return snapshot.strategy();
    }

    /** Whether this is the {@code observed} strategy: real placements, made by producers we only model. */
    public boolean isObserved() {
        return io.partitionanalytics.partitioners.Strategies.OBSERVED.equals(snapshot.strategy());
    }

    /** N, the strategy's number of partitions (the snapshot's). */
    public int numPartitions() {
        return snapshot.numPartitions();
    }

    /** The window's length in seconds, to turn counts into rates; 0 for a degenerate window. */
    public double windowSeconds() {
        return Math.max(0, snapshot.windowEndMs() - snapshot.windowStartMs()) / 1000.0;
    }
}
