package io.partitionanalytics.partitioners.strategy;

import io.partitionanalytics.partitioners.PartitionStrategy;
import org.apache.kafka.common.utils.Utils;

/**
 * {@code kafka-default}: the partition Kafka's own producer picks for a keyed record, {@code toPositive(murmur2(key)) %
 * N}. It calls the same kafka-clients functions as {@code BuiltInPartitioner.partitionForKey}, so it is byte-exact with
 * the producers of the installed Kafka version rather than with a copy of them.
 *
 * <p>No options.
 */
public final class KafkaDefaultStrategy implements PartitionStrategy {

    public static final String NAME = "kafka-default";

    private final int numPartitions;

    public KafkaDefaultStrategy(int numPartitions) {
        this.numPartitions = Checks.partitions(NAME, numPartitions);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int numPartitions() {
        return numPartitions;
    }

    @Override
    public int partition(byte[] key, long timestampMs, double latitude, double longitude) {
        return Utils.toPositive(Utils.murmur2(key)) % numPartitions;
    }

    @Override
    public String toString() {
        return NAME + "(N=" + numPartitions + ")";
    }
}
