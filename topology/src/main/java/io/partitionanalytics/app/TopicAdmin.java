package io.partitionanalytics.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics for the tools around the pipeline (broker, generate, demo). */
public final class TopicAdmin {

    private TopicAdmin() {}

    /**
     * Creates {@code topic} with {@code partitions} partitions unless it exists; returns its partition count.
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
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach the Kafka cluster to set up topic '" + topic + "': " + e, e);
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
