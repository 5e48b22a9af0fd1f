package io.partitionanalytics.analysis.advice;

import io.partitionanalytics.load.LoadSnapshot;
import java.util.ArrayList;
import java.util.List;

/** Node layouts with loads, for MOVE_PARTITIONS tests. */
final class NodeFixtures {

    private NodeFixtures() {}

    /** A load snapshot and the nodes its partitions live on. */
    record Cluster(LoadSnapshot snapshot, NodeModel nodes) {
        AdviceInput input() {
            return AdviceInput.of(snapshot, null).withNodes(nodes);
        }

        long[] partitionLoads() {
            return snapshot.partitions().stream()
                    .mapToLong(LoadSnapshot.Partition::events)
                    .toArray();
        }

        int[] nodeIndexOfPartition() {
            int[] out = new int[nodes.partitions()];
            for (int p = 0; p < out.length; p++) {
                out[p] = nodes.nodes().indexOf(nodes.nodeOf(p));
            }
            return out;
        }
    }

    /**
     * The scenario: 12 partitions round-robin over 6 nodes (node-k leads partitions k and k + 6), every
     * partition 1,000 events except partitions 2 and 8, both on node-2, with 3,000 each. Node-2 carries 6,000 against
     * a mean of 2,667 (2.25×); the target 1.2× allows 3,200 per node.
     */
    static Cluster sixNodesTwoHotPartitionsOnOne() {
        long[] events = new long[12];
        java.util.Arrays.fill(events, 1_000);
        events[2] = 3_000;
        events[8] = 3_000;
        return new Cluster(LoadFixtures.skewed("murmur3-channel", events), NodeModel.roundRobin(12, 6));
    }

    /**
     * 6 nodes with 5 partitions each (30 partitions round-robin), all 1,000 events except partition 4 (on node-4) with
     * 2,500: node-4 at 6,500 against a mean of 5,250 (1.24×); one move of a small partition fixes it.
     */
    static Cluster sixNodesOneWarmPartition() {
        long[] events = new long[30];
        java.util.Arrays.fill(events, 1_000);
        events[4] = 2_500;
        return new Cluster(LoadFixtures.skewed("murmur3-channel", events), NodeModel.roundRobin(30, 6));
    }

    /**
     * The six-node scenario on real brokers 1..6 for {@code observed}: replication factor 3, partition p's replicas
     * [leader, next, next-but-one] in broker order, leaders round-robin as Kafka assigns them.
     */
    static Cluster observedOnSixBrokers() {
        Cluster plain = sixNodesTwoHotPartitionsOnOne();
        LoadSnapshot observed = LoadFixtures.skewed("observed", plain.partitionLoads());
        List<Integer> brokers = List.of(1, 2, 3, 4, 5, 6);
        List<NodeModel.Replicas> replicas = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            int leader = brokers.get(p % 6);
            replicas.add(new NodeModel.Replicas(
                    leader, List.of(leader, brokers.get((p + 1) % 6), brokers.get((p + 2) % 6))));
        }
        return new Cluster(observed, NodeModel.kafka("message-events", brokers, replicas));
    }
}
