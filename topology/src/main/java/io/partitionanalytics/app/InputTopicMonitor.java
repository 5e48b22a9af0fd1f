package io.partitionanalytics.app;

import io.partitionanalytics.analysis.advice.NodeModel;
import io.partitionanalytics.load.InputProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the pipeline needs to know of the input topic fresh, in the background (the stream threads only read a
 * map, never wait for the cluster): its end offsets (read_committed) and this application's committed offsets, for
 * watermarks; and the broker that leads each partition and its replicas, for {@code observed}'s nodes.
 */
final class InputTopicMonitor implements InputProgress, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InputTopicMonitor.class);

    private final Admin admin;
    private final String topic;
    private final int partitions;
    private final String groupId;
    private final ScheduledExecutorService scheduler;
    private final Map<Integer, Long> endOffsets = new ConcurrentHashMap<>();
    private final Map<Integer, Long> committedOffsets = new ConcurrentHashMap<>();
    private final Map<Integer, List<Integer>> replicas = new ConcurrentHashMap<>();

    InputTopicMonitor(Properties adminProps, String topic, int partitions, String groupId, Duration interval) {
        this.admin = Admin.create(adminProps);
        this.topic = topic;
        this.partitions = partitions;
        this.groupId = groupId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "input-offsets-monitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> endOffsets.put(tp.partition(), info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            committed.forEach((tp, offset) -> {
                if (tp.topic().equals(topic) && offset != null) {
                    committedOffsets.put(tp.partition(), offset.offset());
                }
            });
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            for (TopicPartitionInfo info : description.partitions()) {
                List<Integer> ids = new ArrayList<>();
                // Leader first, as kafka-reassign-partitions.sh lists preferred replicas.
                if (info.leader() != null) {
                    ids.add(info.leader().id());
                }
                info.replicas().forEach(node -> {
                    if (!ids.contains(node.id())) {
                        ids.add(node.id());
                    }
                });
                replicas.put(info.partition(), List.copyOf(ids));
            }
        } catch (Exception e) {
            // Unknown stays unknown: windows wait rather than drop data.
            log.debug("Could not refresh offsets of {}: {}", topic, e.toString());
        }
    }

    @Override
    public boolean isCaughtUp(int partition, long nextOffsetToProcess) {
        Long end = endOffsets.get(partition);
        if (end == null) {
            return false;
        }
        long committed = committedOffsets.getOrDefault(partition, 0L);
        return end <= Math.max(nextOffsetToProcess, committed);
    }

    /** The broker id leading an input partition, or null when not known (yet). */
    String leaderOf(int partition) {
        List<Integer> ids = replicas.get(partition);
        return ids == null || ids.isEmpty() ? null : String.valueOf(ids.get(0));
    }

    /** The input topic's partitions on their brokers, for MOVE_PARTITIONS of {@code observed}; null until known. */
    NodeModel nodeModel() {
        List<NodeModel.Replicas> layout = new ArrayList<>();
        java.util.TreeSet<Integer> brokers = new java.util.TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> ids = replicas.get(p);
            if (ids == null || ids.isEmpty()) {
                return null;
            }
            layout.add(new NodeModel.Replicas(ids.get(0), ids));
            brokers.addAll(ids);
        }
        return NodeModel.kafka(topic, List.copyOf(brokers), layout);
    }

    /** The replicas of an input partition, leader first (empty when not known yet). */
    List<Integer> replicasOf(int partition) {
        return replicas.getOrDefault(partition, List.of());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
