package io.partitionanalytics.partitioners;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of one strategy's string options; every failure is an {@link InvalidStrategyException} naming the key. */
final class OptionReader {

    static final String UTF8 = "utf8";
    static final String HEX = "hex";

    private final String strategy;
    private final Map<String, String> options;

    OptionReader(String strategy, Map<String, String> options) {
        this.strategy = strategy;
        this.options = options;
    }

    boolean has(String key) {
        return options.containsKey(key);
    }

    String string(String key, String defaultValue) {
        String value = options.get(key);
        return value == null ? defaultValue : value.trim();
    }

    long longValue(String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "not a whole number: '" + value + "'", e);
        }
    }

    int intValue(String key, int defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "not a 32-bit whole number: '" + value + "'", e);
        }
    }

    /** The comma-separated items of {@code key}, trimmed; empty list for an empty value; empty items are an error. */
    List<String> list(String key) {
        String value = options.get(key);
        List<String> items = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return items;
        }
        String[] parts = value.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String item = parts[i].trim();
            if (item.isEmpty()) {
                throw invalid(key, "item " + (i + 1) + " of '" + value + "' is empty");
            }
            items.add(item);
        }
        return items;
    }

    /** The key encoding named by option {@code key}: {@link #UTF8} (default) or {@link #HEX}. */
    String encoding(String key) {
        String encoding = string(key, UTF8);
        if (!encoding.equals(UTF8) && !encoding.equals(HEX)) {
            throw invalid(key, "must be '" + UTF8 + "' or '" + HEX + "', got '" + encoding + "'");
        }
        return encoding;
    }

    /** Decodes {@code text}, an item of option {@code optionKey}, as key bytes in {@code encoding}. */
    byte[] decodeKey(String encoding, String optionKey, String text) {
        if (encoding.equals(UTF8)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw invalid(optionKey, "'" + text + "' is not hex (" + e.getMessage() + ")", e);
        }
    }

    /** The options starting with {@code prefix}, with the prefix removed. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    InvalidStrategyException invalid(String key, String problem) {
        return new InvalidStrategyException(strategy, key, problem);
    }

    InvalidStrategyException invalid(String key, String problem, Throwable cause) {
        return new InvalidStrategyException(strategy, key, problem, cause);
    }
}
