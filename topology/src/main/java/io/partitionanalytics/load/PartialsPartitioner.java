package io.partitionanalytics.load;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partial loads go to the merge task of their strategy, so that one task sees every window of a strategy in order
 * (what the hotspot detector needs, and what lets the latest snapshot of a strategy live in one place); watermarks go
 * to every merge task.
 *
 * <p>The window-stable strategies all go to the merge task of the one that carries their shared window-wide
 * heavy-keys sketch ({@link StrategySet#windowHeavyKeysCarrier()}): the sketch then crosses the repartition topic
 * and is merged once per partial instead of once per strategy (the merge work that was most of the merge step's
 * cost), and that task names every one of them its heavy keys from it.
 */
public final class PartialsPartitioner implements StreamPartitioner<String, PartialMessage> {

    private final StrategySet strategies;

    public PartialsPartitioner(StrategySet strategies) {
        this.strategies = strategies;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, PartialMessage value, int numPartitions) {
        if (value instanceof PartialMessage.Watermark) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(
                Set.of(partitionOf(((PartialMessage.Partial) value).load().strategy(), numPartitions)));
    }

    /**
     * The merge partition of a strategy's partials, and of its stores downstream (history, alerts, advice): its merge
     * route ({@link StrategySet#mergeRoute}) modulo the partition count, so that with one partition per route
     * ({@code merge.partitions=0}) no two routes share a task. A name not among the strategies (a query for an
     * unknown strategy) is hashed.
     */
    public int partitionOf(String strategy, int numPartitions) {
        int index = strategies.indexOf(strategy);
        if (index < 0) {
            return Utils.toPositive(Utils.murmur2(Utils.utf8(strategy))) % numPartitions;
        }
        return strategies.mergeRoute(index) % numPartitions;
    }
}
