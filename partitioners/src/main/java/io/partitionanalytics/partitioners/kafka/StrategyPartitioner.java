package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.StrategyCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * The common adapter from a {@link PartitionStrategy} to Kafka's producer {@link Partitioner}: it collects the {@value
 * PartitionerConfig#PREFIX}* options, takes N from the topic's metadata, and delegates. Subclasses name the strategy and
 * say where event time comes from.
 */
abstract class StrategyPartitioner implements Partitioner {

    private StrategyCache strategies;

    /** The strategy this plugin applies. */
    abstract String strategyName();

    /** Prefixed option keys (without the prefix) the plugin reads itself rather than passing to the strategy. */
    Set<String> pluginOptionKeys() {
        return Set.of();
    }

    /** Reads the plugin's own options; called once from {@link #configure}. */
    void configurePlugin(Map<String, String> pluginOptions) {}

    /** Event time of the record, for time strategies; others return 0 and the strategy ignores it. */
    long timestampMs(String topic, Object value) {
        return 0L;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Map<String, String> strategyOptions = new HashMap<>();
        Map<String, String> pluginOptions = new HashMap<>();
        configs.forEach((key, value) -> {
            if (key.startsWith(PartitionerConfig.PREFIX) && value != null) {
                String option = key.substring(PartitionerConfig.PREFIX.length());
                String text = String.valueOf(value);
                (pluginOptionKeys().contains(option) ? pluginOptions : strategyOptions).put(option, text);
            }
        });
        configurePlugin(pluginOptions);
        this.strategies = new StrategyCache(strategyName(), strategyOptions);
        // Build once now so that a bad value fails the producer's construction, not its first send.
        strategies.forPartitions(1);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        if (keyBytes == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": the record for topic '" + topic
                    + "' has no key, but strategy '" + strategyName() + "' places records by key");
        }
        if (strategies == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        int numPartitions = cluster.partitionsForTopic(topic).size();
        if (numPartitions == 0) {
            throw new IllegalStateException("no partition metadata for topic '" + topic + "'");
        }
        PartitionStrategy strategy = strategies.forPartitions(numPartitions);
        return strategy.partition(keyBytes, timestampMs(topic, value), Double.NaN, Double.NaN);
    }

    @Override
    public void close() {}
}
