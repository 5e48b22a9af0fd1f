package io.partitionanalytics.load;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
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
    private final int observedIndex;

    private StrategySet(List<String> names, int[] numPartitions, PartitionStrategy[] functions) {
        this.names = List.copyOf(names);
        this.numPartitions = numPartitions;
        this.functions = functions;
        this.observedIndex = names.indexOf(OBSERVED);
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
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Map<String, String> options = new LinkedHashMap<>(config.strategyOptions(name));
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
        return new StrategySet(names, partitions, functions);
    }

    /** For tests and the simulator: an explicit list. */
    public static StrategySet of(List<String> names, int inputPartitions, List<PartitionStrategy> functions) {
        int[] partitions = new int[names.size()];
        PartitionStrategy[] fns = new PartitionStrategy[names.size()];
        for (int i = 0; i < names.size(); i++) {
            fns[i] = functions.get(i);
            partitions[i] = fns[i] == null ? inputPartitions : fns[i].numPartitions();
        }
        return new StrategySet(new ArrayList<>(names), partitions, fns);
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
