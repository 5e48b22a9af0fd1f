package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.strategy.JumpHashStrategy;

/**
 * Producer plugin for strategy {@code jump}: jump consistent hash of the key's Murmur3 x64_128 h1 (seed 0), the same as
 * Guava's {@code consistentHash(murmur3_128().hashBytes(key).asLong(), N)}.
 *
 * <pre>
 *   partitioner.class=io.partitionanalytics.partitioners.kafka.JumpHashPartitioner
 * </pre>
 *
 * <p>No options. Every record needs a key. Places records exactly where {@link JumpHashStrategy} says, with N the
 * topic's current partition count; when partitions are added only about 1/(N + 1) of the keys move.
 */
public final class JumpHashPartitioner extends StrategyPartitioner {

    @Override
    String strategyName() {
        return JumpHashStrategy.NAME;
    }
}
