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

    /** The merge partition of a strategy's partials, and of its stores downstream (history, alerts, advice). */
    public int partitionOf(String strategy, int numPartitions) {
        int index = strategies.indexOf(strategy);
        int carrier = strategies.windowHeavyKeysCarrier();
        String route = index >= 0 && strategies.isWindowStable(index) ? strategies.name(carrier) : strategy;
        return Utils.toPositive(Utils.murmur2(Utils.utf8(route))) % numPartitions;
    }
}
