package io.partitionanalytics.analysis.advice;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which node serves each partition: the fixed-partitions-over-nodes picture that {@link
 * RecommendationKind#MOVE_PARTITIONS} rebalances. A partition's load counts on the node that leads it, since the leader
 * takes every produce and fetch request of the partition.
 *
 * <p>Two shapes:
 *
 * <ul>
 *   <li>a plain model, {@link #of} or {@link #roundRobin}: node names only, for strategies that are what-ifs and have no
 *       real brokers;
 *   <li>a Kafka model, {@link #kafka}: the real topic, brokers, leaders and replica lists (from the Admin API), for
 *       {@code observed}. Node names are the broker ids in decimal, and a plan comes with the reassignment JSON.
 * </ul>
 *
 * <p>Immutable.
 */
public final class NodeModel {

    /** The current leader and ordered replica list of one partition, as {@code describeTopics} reports them. */
    public record Replicas(int leader, List<Integer> replicas) {
        public Replicas {
            replicas = List.copyOf(replicas);
            if (!replicas.contains(leader)) {
                throw new IllegalArgumentException("leader " + leader + " is not among the replicas " + replicas);
            }
        }
    }

    private final List<String> nodes;
    private final List<String> nodeOfPartition;
    private final String topic;
    private final List<Replicas> replicas;

    private NodeModel(List<String> nodes, List<String> nodeOfPartition, String topic, List<Replicas> replicas) {
        this.nodes = List.copyOf(nodes);
        this.nodeOfPartition = List.copyOf(nodeOfPartition);
        this.topic = topic;
        this.replicas = replicas == null ? null : List.copyOf(replicas);
        if (this.nodes.isEmpty()) {
            throw new IllegalArgumentException("a node model needs at least one node");
        }
        if (this.nodeOfPartition.isEmpty()) {
            throw new IllegalArgumentException("a node model needs at least one partition");
        }
        Set<String> known = new HashSet<>();
        for (String node : this.nodes) {
            if (!known.add(node)) {
                throw new IllegalArgumentException("node " + node + " is listed twice");
            }
        }
        for (int p = 0; p < this.nodeOfPartition.size(); p++) {
            if (!known.contains(this.nodeOfPartition.get(p))) {
                throw new IllegalArgumentException(
                        "partition " + p + " is on node " + this.nodeOfPartition.get(p) + ", which is not listed");
            }
        }
    }

    /**
     * A plain model.
     *
     * @param nodes every node, idle ones included (they count in the mean and can receive partitions); distinct
     * @param nodeOfPartition the node of partition i at index i; each listed in {@code nodes}
     */
    public static NodeModel of(List<String> nodes, List<String> nodeOfPartition) {
        return new NodeModel(nodes, nodeOfPartition, null, null);
    }

    /** Nodes {@code node-0 .. node-(K-1)}, partition p on {@code node-(p mod K)}: how Kafka spreads a new topic. */
    public static NodeModel roundRobin(int partitions, int nodes) {
        if (partitions <= 0 || nodes <= 0) {
            throw new IllegalArgumentException("partitions and nodes must be > 0, got " + partitions + " and " + nodes);
        }
        List<String> names = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
            names.add("node-" + n);
        }
        List<String> placement = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            placement.add(names.get(p % nodes));
        }
        return of(names, placement);
    }

    /**
     * The real layout of a topic.
     *
     * @param topic the topic whose partitions these are (the input topic, for {@code observed})
     * @param brokers every broker of the cluster, including those that lead nothing (they can take partitions)
     * @param partitions the leader and replicas of partition i at index i; a partition without a leader should be given
     *     with its preferred (first) replica as leader
     */
    public static NodeModel kafka(String topic, List<Integer> brokers, List<Replicas> partitions) {
        Objects.requireNonNull(topic, "topic");
        Set<Integer> known = new HashSet<>(brokers);
        List<String> leaders = new ArrayList<>(partitions.size());
        for (int p = 0; p < partitions.size(); p++) {
            Replicas r = partitions.get(p);
            for (int broker : r.replicas()) {
                if (!known.contains(broker)) {
                    throw new IllegalArgumentException("partition " + p + " has replica " + broker
                            + ", which is not among the brokers " + brokers);
                }
            }
            leaders.add(Integer.toString(r.leader()));
        }
        return new NodeModel(brokers.stream().map(String::valueOf).toList(), leaders, topic, partitions);
    }

    /** Every node, in the order given. */
    public List<String> nodes() {
        return nodes;
    }

    /** Number of partitions covered. */
    public int partitions() {
        return nodeOfPartition.size();
    }

    /** The node leading a partition. */
    public String nodeOf(int partition) {
        return nodeOfPartition.get(partition);
    }

    /** True for a {@link #kafka} model, which has a topic and replica lists. */
    public boolean isKafka() {
        return topic != null;
    }

    /** The topic of a Kafka model; null for a plain one. */
    public String topic() {
        return topic;
    }

    /** The replicas of a partition in a Kafka model. */
    public Replicas replicas(int partition) {
        if (replicas == null) {
            throw new IllegalStateException("a plain node model has no replica lists");
        }
        return replicas.get(partition);
    }

    /** How a node is named in a rationale: {@code broker 3} in a Kafka model, its own name otherwise. */
    String describe(String node) {
        return isKafka() ? "broker " + node : node;
    }

    @Override
    public String toString() {
        return "NodeModel(" + (isKafka() ? "topic=" + topic + ", " : "") + "nodes=" + nodes.size() + ", partitions="
                + nodeOfPartition.size() + ")";
    }
}
