package io.partitionanalytics.analysis.advice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The input of {@code kafka-reassign-partitions.sh --execute --reassignment-json-file}: {@code
 * {"version":1,"partitions":[{"topic":"t","partition":7,"replicas":[5,1,2]}, ...]}}.
 *
 * <p>Kafka makes the first replica of the list the <em>preferred</em> leader. To move a partition's leadership from
 * broker A to broker B, the new list starts with B: if B already holds a replica, the list is only reordered (no data
 * is copied); otherwise B takes A's replica (the replication factor stays the same, and B copies the log). Leadership
 * then moves at the next preferred-leader election ({@code kafka-leader-election.sh --election-type PREFERRED}, or
 * automatically with {@code auto.leader.rebalance.enable=true}, the broker default).
 */
final class ReassignmentJson {

    private ReassignmentJson() {}

    /** The new replica list of a partition whose leadership goes from {@code from} to {@code to}. */
    static List<Integer> replicasAfterMove(List<Integer> replicas, int from, int to) {
        List<Integer> after = new ArrayList<>(replicas.size());
        after.add(to);
        boolean keepsFrom = replicas.contains(to);
        for (int broker : replicas) {
            if (broker == to || (broker == from && !keepsFrom)) {
                continue;
            }
            after.add(broker);
        }
        return after;
    }

    /**
     * @param topic the topic
     * @param replicasByPartition the new replica list of each moved partition
     */
    static String of(String topic, Map<Integer, List<Integer>> replicasByPartition) {
        StringBuilder json = new StringBuilder("{\"version\":1,\"partitions\":[");
        boolean first = true;
        for (Map.Entry<Integer, List<Integer>> e : new TreeMap<>(replicasByPartition).entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append("{\"topic\":");
            string(json, topic);
            json.append(",\"partition\":").append(e.getKey()).append(",\"replicas\":[");
            for (int i = 0; i < e.getValue().size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                json.append(e.getValue().get(i));
            }
            json.append("]}");
        }
        return json.append("]}").toString();
    }

    /** A JSON string. Kafka topic names are [a-zA-Z0-9._-] only, but the writer does not rely on it. */
    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
