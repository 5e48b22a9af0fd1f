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
 */
public final class PartialsPartitioner implements StreamPartitioner<String, PartialMessage> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, PartialMessage value, int numPartitions) {
        if (value instanceof PartialMessage.Watermark) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        String strategy = ((PartialMessage.Partial) value).load().strategy();
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(Utils.utf8(strategy))) % numPartitions));
    }
}
