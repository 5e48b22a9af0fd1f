package io.partitionanalytics.partitioners.kafka;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;

/** Cluster metadata fixtures for partitioner unit tests. */
final class Clusters {

    private Clusters() {}

    /** One broker holding {@code partitions} partitions of {@code topic}. */
    static Cluster withTopic(String topic, int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}))
                .toList();
        return new Cluster("test-cluster", List.of(node), infos, Set.of(), Set.of());
    }
}
