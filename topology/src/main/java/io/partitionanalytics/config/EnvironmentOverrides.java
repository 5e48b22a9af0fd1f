package io.partitionanalytics.config;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Maps environment variables onto config keys, the way Kafka's container images do: {@code KAFKA_BOOTSTRAP_SERVERS}
 * becomes {@code bootstrap.servers}. In the name after the prefix, {@code _} is a dot, {@code __} an underscore and
 * {@code ___} a dash (so {@code KAFKA_STRATEGY_CONSISTENT___HASH_VNODES} is {@code strategy.consistent-hash.vnodes}).
 */
public final class EnvironmentOverrides {

    public static final String PREFIX = "KAFKA_";

    private EnvironmentOverrides() {}

    /** Returns {@code file} with every {@code KAFKA_*} variable of {@code env} applied on top. */
    public static Properties apply(Properties file, Map<String, String> env) {
        Properties merged = new Properties();
        merged.putAll(file);
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length()) {
                merged.put(toConfigKey(name), value);
            }
        });
        return merged;
    }

    static String toConfigKey(String variable) {
        String name = variable.substring(PREFIX.length()).toLowerCase(Locale.ROOT);
        StringBuilder key = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '_') {
                key.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i + run < name.length() && name.charAt(i + run) == '_') {
                run++;
            }
            key.append(run == 1 ? "." : run == 2 ? "_" : "-");
            i += run == 1 || run == 2 ? run : 3;
        }
        return key.toString();
    }
}
