package io.partitionanalytics.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates topics for the tools around the pipeline (broker, generate, demo). */
public final class TopicAdmin {

    private TopicAdmin() {}

    /**
     * Creates {@code topic} with {@code partitions} partitions unless it exists, and waits until every partition's
     * leader serves requests; returns its partition count.
     *
     * <p>Why wait for the leaders: an idempotent producer that writes at once to a partition being created can have
     * its first batch refused (NOT_LEADER_OR_FOLLOWER) and the next one accepted; it then retries the first with
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout, and those records are lost (KAFKA-15591; the broker's fix,
     * apache/kafka#23234, came after 4.3.1). It happened once to ScaleOutIT's traffic, on a topic `broker --topic` made.
     *
     * @param configs topic configs, e.g. {@code retention.ms}
     */
    public static int ensureTopic(Properties clientProps, String topic, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(clientProps)) {
            try {
                admin.createTopics(List.of(
                                new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(configs)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "Cannot create topic '" + topic + "': "
                                    + e.getCause().getMessage(),
                            e);
                }
            }
            int count = awaitPartitionCount(admin, topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < count; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            // Answered by each partition's leader; the admin client retries while one is not ready.
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            return count;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach the Kafka cluster to set up topic '" + topic + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A topic just created is not known to every broker at once: describing it can fail with "unknown topic" for a
     * moment. Waits (up to 30 s) until it is visible, and returns its partition count.
     */
    static int awaitPartitionCount(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            int count = partitionCount(admin, topic);
            if (count >= 0) {
                return count;
            }
            if (System.nanoTime() > deadline) {
                throw new ExecutionException(
                        new UnknownTopicOrPartitionException("topic '" + topic + "' not visible within 30 s"));
            }
            Thread.sleep(100);
        }
    }

    /** A topic's partition count, or -1 when the cluster does not know it. */
    static int partitionCount(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return -1;
            }
            throw e;
        }
    }

    /** Every partition of a topic, waiting (up to 30 s) for a topic just created to be visible. */
    public static List<TopicPartition> partitionsOf(Properties clientProps, String topic) {
        try (Admin admin = Admin.create(clientProps)) {
            int count = awaitPartitionCount(admin, topic);
            List<TopicPartition> partitions = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            return partitions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe topic '" + topic + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static Properties clientProps(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
