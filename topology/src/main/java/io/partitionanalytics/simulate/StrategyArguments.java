package io.partitionanalytics.simulate;

import io.partitionanalytics.partitioners.Strategies;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Strategy options as given on a command line, {@code <strategy>.<option>=<value>} (the same spelling as the
 * {@code strategy.<strategy>.<option>} config keys, without {@code strategy.}), sorted out per strategy.
 */
public final class StrategyArguments {

    private StrategyArguments() {}

    /**
     * Groups {@code consistent-hash.vnodes=32}-style options by strategy ({@code consistent-hash -> {vnodes=32}}).
     *
     * @param selected the strategies in use: an option for another one is a mistake, not something to ignore
     * @throws IllegalArgumentException for an option that names no strategy or one not selected
     */
    public static Map<String, Map<String, String>> byStrategy(
            Map<String, String> prefixed, Collection<String> selected) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : prefixed.entrySet()) {
            String key = e.getKey();
            String strategy = strategyPrefix(key);
            if (strategy == null) {
                throw new IllegalArgumentException("--option " + key + ": start it with the strategy it is for, e.g."
                        + " consistent-hash.vnodes=32 (strategies: " + String.join(", ", Strategies.names()) + ")");
            }
            if (!selected.contains(strategy)) {
                throw new IllegalArgumentException("--option " + key + ": strategy '" + strategy
                        + "' is not among those simulated " + selected + "; add --strategy " + strategy);
            }
            out.computeIfAbsent(strategy, s -> new LinkedHashMap<>())
                    .put(key.substring(strategy.length() + 1), e.getValue());
        }
        return out;
    }

    /**
     * The options of one strategy, each given either bare ({@code vnodes=32}) or prefixed with that strategy's name
     * ({@code consistent-hash.vnodes=32}); the prefix is dropped.
     */
    public static Map<String, String> forStrategy(String strategy, Map<String, String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = strategy + ".";
        options.forEach((k, v) -> out.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
        return out;
    }

    /** The strategy whose name, followed by a dot, starts {@code key}; the longest such name; null if none. */
    private static String strategyPrefix(String key) {
        String best = null;
        for (String name : Strategies.names()) {
            if (key.startsWith(name + ".") && key.length() > name.length() + 1) {
                if (best == null || name.length() > best.length()) {
                    best = name;
                }
            }
        }
        return best;
    }
}
