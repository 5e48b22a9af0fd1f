package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.analysis.LoadStatistics;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@link RecommendationKind#ISOLATE_KEY}: a {@link DominantKey dominant key} is pinned to another partition through the
 * {@code directory} strategy ({@code entries=key=q}, the current strategy as fallback, so no other key moves). Unlike
 * salting, the key keeps its order and its readers need no change; it helps when the key itself fits under the target
 * and what makes its partition hot is the key <em>plus</em> its neighbours.
 *
 * <p>The destination is the partition that gives the lowest peak afterwards (then the least loaded, then the lowest
 * number). The prediction is exact for the named keys: only the pinned key moves. Proposed when it {@link
 * DominantKey#fixedBy fixes} the partition, or as a {@link Proposals#worthAsPartial worthwhile partial} fix.
 *
 * <p>The action's value is the directory's options, {@code name=value} pairs joined by {@code "; "} (keys that a comma
 * list cannot hold are written in hex with {@code encoding=hex}); for a strategy that is already a directory, the entry
 * is added to (or replaces the key's entry in) its own.
 */
public final class IsolateKeyRule implements RecommendationRule {

    @Override
    public RecommendationKind kind() {
        return RecommendationKind.ISOLATE_KEY;
    }

    @Override
    public List<Recommendation> propose(AdviceInput input) {
        AdvisorSettings settings = input.settings();
        int n = input.numPartitions();
        if (n < 2) {
            return List.of();
        }
        KeyLoadModel model = KeyLoadModel.of(input.snapshot());
        LoadStatistics before = Proposals.before(input);
        Optional<DominantKey> found = DominantKey.find(model, before, settings);
        if (found.isEmpty()) {
            return List.of();
        }
        DominantKey dominant = found.get();
        int destination = -1;
        Prediction after = null;
        for (int q = 0; q < n; q++) {
            if (q == dominant.partition()) {
                continue;
            }
            Prediction candidate = Prediction.of(model, pinned(model, dominant.key(), q));
            boolean better = after == null
                    || candidate.maxToMean() < after.maxToMean() - Proposals.EPSILON
                    || (Math.abs(candidate.maxToMean() - after.maxToMean()) <= Proposals.EPSILON
                            && model.events(q) < model.events(destination));
            if (better) {
                destination = q;
                after = candidate;
            }
        }
        boolean fixed = dominant.fixedBy(after, settings);
        if (!fixed && !Proposals.worthAsPartial(before.peakToMean(), after.maxToMean(), settings)) {
            return List.of();
        }
        String key = dominant.key().key();
        Map<String, String> options = directoryOptions(input, key, destination);
        if (options == null) {
            return List.of();
        }
        String rendered = options.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; "));
        String why = "pin key " + Text.key(key) + " (" + dominant.shareText(model) + ") to partition " + destination
                + " with the directory strategy (" + rendered + "): partition " + dominant.partition() + " falls from "
                + Text.ratio(before.ratio(dominant.partition())) + " to "
                + Text.ratio(after.ratio(dominant.partition())) + " the mean and partition " + destination
                + " rises to " + Text.ratio(after.ratio(destination)) + ", max/mean " + Text.ratio(before.peakToMean())
                + " → " + Text.ratio(after.maxToMean())
                + (fixed
                        ? ""
                        : " (the " + Text.ratio(settings.targetMaxToMean())
                                + " target is out of reach: the key alone is "
                                + Text.ratio(dominant.key().events() / before.mean()) + " the mean)")
                + "; " + Proposals.cost(input, after);
        return List.of(Proposals.of(
                input, kind(), List.of(Action.isolateKey(key, destination, rendered)), before, after, why));
    }

    private static Placement pinned(KeyLoadModel model, KeyLoadModel.HeavyKey pinned, int destination) {
        int n = model.partitions();
        double[] moved = Spreads.oneHot(n, destination);
        return new Placement() {
            @Override
            public int partitions() {
                return n;
            }

            @Override
            public double[] keyShares(KeyLoadModel.HeavyKey key) {
                return key == pinned ? moved : null;
            }

            @Override
            public double[] residualShares(int partition) {
                return null;
            }
        };
    }

    /**
     * The options of a directory that pins {@code key} to {@code partition} over the current strategy, checked by
     * building it; null if they cannot be written (they always can, short of a bug).
     */
    static Map<String, String> directoryOptions(AdviceInput input, String key, int partition) {
        Map<String, String> options = new TreeMap<>();
        List<String> entries = new ArrayList<>();
        boolean hex;
        if (DirectoryStrategy.NAME.equals(input.strategy())) {
            options.putAll(input.strategyOptions());
            hex = "hex".equals(options.get(DirectoryStrategy.ENCODING));
            String existing = options.getOrDefault(DirectoryStrategy.ENTRIES, "");
            for (String item : existing.split(",")) {
                if (!item.isBlank()) {
                    entries.add(item.trim());
                }
            }
            if (!hex && !safeAsText(key)) {
                // Re-write every entry in hex, so that this key can join them.
                entries.replaceAll(item -> {
                    int eq = item.lastIndexOf('=');
                    return eq < 0 ? item : hexOf(item.substring(0, eq).trim()) + item.substring(eq);
                });
                hex = true;
            }
        } else {
            String fallback = input.isObserved() ? input.settings().observedModel() : input.strategy();
            options.put(DirectoryStrategy.FALLBACK, fallback);
            if (!input.isObserved()) {
                input.strategyOptions().forEach((k, v) -> options.put(DirectoryStrategy.FALLBACK_PREFIX + k, v));
            }
            hex = !safeAsText(key);
        }
        boolean inHex = hex;
        String written = inHex ? hexOf(key) : key;
        entries.removeIf(item -> {
            int eq = item.lastIndexOf('=');
            if (eq < 0) {
                return false; // not an entry; building the directory below will say so
            }
            String itemKey = item.substring(0, eq).trim();
            return inHex ? itemKey.equalsIgnoreCase(written) : itemKey.equals(written);
        });
        entries.add(written + "=" + partition);
        options.put(DirectoryStrategy.ENTRIES, String.join(",", entries));
        if (inHex) {
            options.put(DirectoryStrategy.ENCODING, "hex");
        }
        try {
            PartitionStrategy directory = Strategies.create(DirectoryStrategy.NAME, input.numPartitions(), options);
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            if (directory.partition(bytes, 0L, Double.NaN, Double.NaN) != partition) {
                return null;
            }
        } catch (InvalidStrategyException | IndexOutOfBoundsException e) {
            return null;
        }
        return options;
    }

    /** Whether a key can be written as itself in a comma-separated, trimmed entries list. */
    private static boolean safeAsText(String key) {
        return !key.isEmpty() && key.equals(key.trim()) && key.indexOf(',') < 0;
    }

    private static String hexOf(String key) {
        return HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
    }
}
