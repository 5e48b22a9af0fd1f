package io.partitionanalytics.app;

import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.PartitionLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the pipeline's output topics as a downstream consumer would: read_committed, from the beginning. */
final class OutputTopicsReader {

    private OutputTopicsReader() {}

    /** The rows read, and every (strategy@window, partition) that was emitted more than once. */
    record Loads(Map<String, Map<Integer, PartitionLoad>> rows, List<String> duplicates) {}

    /** Reads {@code partition-load} until every key of {@code keys} is complete (or {@code limit} passes). */
    static Loads readLoads(
            Properties clientProps, Topics topics, ExpectedLoads expected, Set<String> keys, Duration limit) {
        Map<String, Map<Integer, PartitionLoad>> rows = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, PartitionLoad> consumer = new KafkaConsumer<>(
                consumerProps(clientProps),
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.partitionLoad().name()));
            long deadline = System.nanoTime() + limit.toNanos();
            while (!expected.complete(rows, keys) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PartitionLoad> record : consumer.poll(Duration.ofMillis(500))) {
                    add(rows, duplicates, record.value());
                }
            }
            // Whatever else is committed by now: a duplicate emitted late must not escape the check.
            drain(consumer).forEach(record -> add(rows, duplicates, record.value()));
        }
        return new Loads(rows, duplicates);
    }

    /** Every committed row on {@code partition-load} so far. */
    static Loads readAll(Properties clientProps, Topics topics) {
        Map<String, Map<Integer, PartitionLoad>> rows = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, PartitionLoad> consumer = new KafkaConsumer<>(
                consumerProps(clientProps),
                topics.partitionLoad().keySerde().deserializer(),
                topics.partitionLoad().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.partitionLoad().name()));
            drain(consumer).forEach(record -> add(rows, duplicates, record.value()));
        }
        return new Loads(rows, duplicates);
    }

    private static void add(Map<String, Map<Integer, PartitionLoad>> rows, List<String> duplicates, PartitionLoad row) {
        String key = row.getStrategy() + "@" + row.getWindowStartMs();
        if (rows.computeIfAbsent(key, k -> new HashMap<>()).put(row.getPartition(), row) != null) {
            duplicates.add(key + "/" + row.getPartition());
        }
    }

    /** Every committed alert on {@code partition-hotspots} so far, in order within each partition. */
    static List<HotspotAlert> readAlerts(Properties clientProps, Topics topics) {
        try (KafkaConsumer<String, HotspotAlert> consumer = new KafkaConsumer<>(
                consumerProps(clientProps),
                topics.partitionHotspots().keySerde().deserializer(),
                topics.partitionHotspots().valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.partitionHotspots().name()));
            return drain(consumer).stream().map(ConsumerRecord::value).toList();
        }
    }

    /** Polls until the consumer's position reaches the last stable offset of each of its partitions. */
    private static <V> List<ConsumerRecord<String, V>> drain(KafkaConsumer<String, V> consumer) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            Set<TopicPartition> assigned = consumer.assignment();
            if (assigned.isEmpty()) {
                continue;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            boolean done = true;
            for (TopicPartition tp : assigned) {
                if (consumer.position(tp) < ends.get(tp)) {
                    done = false;
                }
            }
            if (done) {
                return records;
            }
        }
        throw new AssertionError("could not read to the end of " + consumer.assignment() + " within 60 s");
    }

    private static Properties consumerProps(Properties clientProps) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "output-reader-" + UUID.randomUUID());
        return props;
    }
}
