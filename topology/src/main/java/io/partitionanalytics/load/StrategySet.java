package io.partitionanalytics.load;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.StrategyOption;
import io.partitionanalytics.partitioners.strategy.ChannelBucketStrategy;
import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.DirectoryStrategy;
import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;
import io.partitionanalytics.partitioners.strategy.KafkaDefaultStrategy;
import io.partitionanalytics.partitioners.strategy.Murmur3ChannelStrategy;
import io.partitionanalytics.partitioners.strategy.RangeStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The strategies under comparison, resolved from config: their order is fixed (it indexes the per-event arrays), and
 * {@code observed} has no function — its partition is the one the record was read from.
 */
public final class StrategySet {

    public static final String OBSERVED = "observed";
    private static final String PARTITIONS_OPTION = "partitions";

    private final List<String> names;
    private final int[] numPartitions;
    private final PartitionStrategy[] functions;
    private final boolean[] windowStable;
    private final int observedIndex;
    private final int windowHeavyKeysCarrier;
    /** Each strategy's merge route: its own, or the carrier's for window-stable ones; numbered 0.. in order. */
    private final int[] mergeRoutes;

    private final int mergeRouteCount;

    private StrategySet(
            List<String> names, int[] numPartitions, PartitionStrategy[] functions, boolean[] windowStable) {
        this.names = List.copyOf(names);
        this.numPartitions = numPartitions;
        this.functions = functions;
        this.windowStable = windowStable;
        this.observedIndex = names.indexOf(OBSERVED);
        int carrier = -1;
        for (int i = windowStable.length - 1; i >= 0; i--) {
            if (windowStable[i]) {
                carrier = i;
            }
        }
        this.windowHeavyKeysCarrier = carrier;
        this.mergeRoutes = new int[windowStable.length];
        int routes = 0;
        for (int i = 0; i < windowStable.length; i++) {
            // The carrier is the first window-stable strategy: its route is numbered before the others follow it.
            mergeRoutes[i] = windowStable[i] && i != carrier ? mergeRoutes[carrier] : routes++;
        }
        this.mergeRouteCount = routes;
    }

    /**
     * Builds every configured strategy; a bad option stops start-up with a {@link ConfigException} that names the key
     * ({@code strategy.<name>.<option>}).
     */
    public static StrategySet resolve(AnalyticsConfig config, int inputPartitions) {
        List<String> unknown = config.unknownStrategyKeys();
        if (!unknown.isEmpty()) {
            throw new ConfigException(
                    unknown.get(0),
                    "set",
                    "names no strategy of " + AnalyticsConfig.STRATEGIES_CONFIG + " " + config.strategies());
        }
        List<String> names = config.strategies();
        int[] partitions = new int[names.size()];
        PartitionStrategy[] functions = new PartitionStrategy[names.size()];
        boolean[] stable = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Map<String, String> options = new LinkedHashMap<>(config.strategyOptions(name));
            stable[i] = isWindowStable(name, options, config.windowSizeMs());
            String n = options.remove(PARTITIONS_OPTION);
            partitions[i] = n == null ? inputPartitions : parsePartitions(name, n);
            if (OBSERVED.equals(name)) {
                if (n != null && partitions[i] != inputPartitions) {
                    throw new ConfigException(
                            key(name, PARTITIONS_OPTION),
                            n,
                            "observed always has the input topic's " + inputPartitions + " partitions");
                }
                if (!options.isEmpty()) {
                    throw new ConfigException(
                            key(name, options.keySet().iterator().next()), "set", "observed takes no options");
                }
                continue;
            }
            try {
                functions[i] = Strategies.create(name, partitions[i], options);
            } catch (InvalidStrategyException e) {
                String option = e.option() == null || "strategy".equals(e.option())
                        ? AnalyticsConfig.STRATEGIES_CONFIG
                        : key(name, e.option());
                throw new ConfigException(option + ": " + e.getMessage());
            }
        }
        return new StrategySet(names, partitions, functions, stable);
    }

    /**
     * For tests and benchmarks: an explicit list (null function = observed), with default options and windows of
     * {@code windowSizeMs}.
     */
    public static StrategySet of(
            List<String> names, int inputPartitions, List<PartitionStrategy> functions, long windowSizeMs) {
        int[] partitions = new int[names.size()];
        PartitionStrategy[] fns = new PartitionStrategy[names.size()];
        boolean[] stable = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            fns[i] = functions.get(i);
            partitions[i] = fns[i] == null ? inputPartitions : fns[i].numPartitions();
            stable[i] = fns[i] != null && isWindowStable(names.get(i), Map.of(), windowSizeMs);
        }
        return new StrategySet(new ArrayList<>(names), partitions, fns, stable);
    }

    /**
     * Whether a key's partition under this strategy cannot change within one window: true for the strategies that
     * read only the key, and for time buckets that are whole multiples of the window (both start on epoch
     * multiples). For those, the pipeline computes a key's partitions and distinct-key updates once per window, and
     * names a partition's heavy keys from one window-wide sketch. {@code observed} (a producer may place a key
     * anywhere) and {@code geo} (it reads the event's position) are per event.
     */
    static boolean isWindowStable(String name, Map<String, String> options, long windowSizeMs) {
        switch (name) {
            case KafkaDefaultStrategy.NAME,
                    Murmur3ChannelStrategy.NAME,
                    ConsistentHashStrategy.NAME,
                    JumpHashStrategy.NAME,
                    RangeStrategy.NAME:
                return true;
            case TimeBucketStrategy.NAME, ChannelBucketStrategy.NAME:
                String bucket = options.getOrDefault(
                        TimeBucketStrategy.BUCKET_MS, defaultOption(name, TimeBucketStrategy.BUCKET_MS));
                try {
                    return bucket != null && Long.parseLong(bucket.trim()) % windowSizeMs == 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            case DirectoryStrategy.NAME:
                String fallback = options.getOrDefault(DirectoryStrategy.FALLBACK, DirectoryStrategy.DEFAULT_FALLBACK);
                Map<String, String> fallbackOptions = new LinkedHashMap<>();
                options.forEach((key, value) -> {
                    if (key.startsWith(DirectoryStrategy.FALLBACK_PREFIX)) {
                        fallbackOptions.put(key.substring(DirectoryStrategy.FALLBACK_PREFIX.length()), value);
                    }
                });
                return !fallback.equals(DirectoryStrategy.NAME)
                        && isWindowStable(fallback, fallbackOptions, windowSizeMs);
            default:
                return false;
        }
    }

    private static String defaultOption(String strategy, String key) {
        return Strategies.options(strategy).stream()
                .filter(option -> option.key().equals(key))
                .map(StrategyOption::defaultValue)
                .findFirst()
                .orElse(null);
    }

    private static int parsePartitions(String strategy, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(key(strategy, PARTITIONS_OPTION), value, "must be a positive whole number");
    }

    private static String key(String strategy, String option) {
        return AnalyticsConfig.STRATEGY_PREFIX + strategy + "." + option;
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    public List<String> names() {
        return names;
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public int numPartitions(int index) {
        return numPartitions[index];
    }

    /** See {@link #isWindowStable(String, Map, long)}. */
    public boolean isWindowStable(int index) {
        return windowStable[index];
    }

    /**
     * The window-stable strategy whose loads carry the window-wide heavy-keys sketch that all window-stable strategies
     * of a window share (the first of them), or -1 when there is none. Its merge task is theirs too (see
     * {@link PartialsPartitioner}).
     */
    public int windowHeavyKeysCarrier() {
        return windowHeavyKeysCarrier;
    }

    /**
     * The merge route of a strategy (0 to {@link #mergeRoutes()} - 1): all partials of one route go to one merge task
     * ({@link PartialsPartitioner}). The window-stable strategies share the carrier's route.
     */
    public int mergeRoute(int index) {
        return mergeRoutes[index];
    }

    public int mergeRoutes() {
        return mergeRouteCount;
    }

    /**
     * The partition count of the partials' repartition topic: {@code merge.partitions} when set (&gt; 0), else one per
     * merge route. More partitions than routes would only add idle tasks, each with its stores and changelogs, and
     * watermarks sent to every one of them (with the default strategies' 2 partitions instead of 12, the pipeline ran
     * 24% faster on a broker holding ~5,000 partitions and 4% on a fresh one: BENCHMARKS.md).
     */
    public int mergePartitions(int configured) {
        return configured > 0 ? configured : mergeRouteCount;
    }

    /** The partition of a heavy key of a window-stable strategy, from its bytes and the window's start. */
    public int partitionOfKey(int index, byte[] key, long windowStartMs) {
        return functions[index].partition(key, windowStartMs, Double.NaN, Double.NaN);
    }

    /**
     * The partition of one event under strategy {@code index}: the hot path, called once per strategy per event.
     *
     * @param sourcePartition the partition the record was read from (the answer for {@code observed})
     */
    public int partition(
            int index, byte[] key, long timestampMs, double latitude, double longitude, int sourcePartition) {
        if (index == observedIndex) {
            return sourcePartition;
        }
        return functions[index].partition(key, timestampMs, latitude, longitude);
    }
}
