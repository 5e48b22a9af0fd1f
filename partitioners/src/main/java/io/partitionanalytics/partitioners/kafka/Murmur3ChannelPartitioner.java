package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.strategy.Murmur3ChannelStrategy;

/**
 * Producer plugin for strategy {@code murmur3-channel}: {@code toPositive(murmur3_x86_32(key bytes, 0)) % N}.
 *
 * <pre>
 *   partitioner.class=io.partitionanalytics.partitioners.kafka.Murmur3ChannelPartitioner
 * </pre>
 *
 * <p>No options. Every record needs a key. Places records exactly where {@link Murmur3ChannelStrategy} says, with N the
 * topic's current partition count. Note that Kafka's default is murmur2: topics joined with one written by this plugin
 * must be written by it too.
 */
public final class Murmur3ChannelPartitioner extends StrategyPartitioner {

    @Override
    String strategyName() {
        return Murmur3ChannelStrategy.NAME;
    }
}
