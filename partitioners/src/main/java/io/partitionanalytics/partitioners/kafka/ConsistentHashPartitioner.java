package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;

/**
 * Producer plugin for strategy {@code consistent-hash}: a ring of the topic's partitions with virtual nodes.
 *
 * <pre>
 *   partitioner.class=io.partitionanalytics.partitioners.kafka.ConsistentHashPartitioner
 *   partition-analytics.vnodes=256     # optional, virtual nodes per partition
 *   partition-analytics.seed=0         # optional, seed of the vnode positions
 * </pre>
 *
 * <p>Every record needs a key. Places records exactly where {@link ConsistentHashStrategy} says, with N the topic's
 * current partition count; the ring is built once per partition count.
 */
public final class ConsistentHashPartitioner extends StrategyPartitioner {

    @Override
    String strategyName() {
        return ConsistentHashStrategy.NAME;
    }
}
