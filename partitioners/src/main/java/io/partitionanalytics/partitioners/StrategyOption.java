package io.partitionanalytics.partitioners;

import java.util.Objects;

/**
 * The description of one strategy option, for documentation (the README's configuration table) and for the factory's
 * check that every given option is known. {@link Strategies#options()} lists them all.
 *
 * @param strategy the strategy the option belongs to, e.g. {@code consistent-hash}
 * @param key the option key as written in config, e.g. {@code vnodes}; a key ending in {@code .*} stands for a family of
 *     keys with that prefix
 * @param type what the value must be, in words, e.g. {@code "int > 0"}
 * @param defaultValue the value used when the option is absent, as it would be written; {@code null} if it has none
 * @param description what the option does
 */
public record StrategyOption(String strategy, String key, String type, String defaultValue, String description) {

    public StrategyOption {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** Whether this declaration covers {@code givenKey} (exactly, or by prefix for a {@code .*} family). */
    public boolean matches(String givenKey) {
        if (key.endsWith(".*")) {
            String prefix = key.substring(0, key.length() - 1);
            return givenKey.startsWith(prefix) && givenKey.length() > prefix.length();
        }
        return key.equals(givenKey);
    }
}
