package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class AnalyticsAppTest {

    @Test
    void shouldTreatATimeoutWhileTheClusterIsUnreachableAsRetriable() {
        // Given: what a punctuator's send throws after max.block.ms without a broker, as a stream thread reports it
        Throwable error = new StreamsException(
                "task [0_0] Exception caught while punctuating processor 'load-combine'",
                new TimeoutException("Topic x not present in metadata after 60000 ms."));

        // Then
        assertThat(AnalyticsApp.isRetriable(error)).isTrue();
    }

    @Test
    void shouldGiveThePartialsTopicTheSettingsOfAStreamsRepartitionTopicWithTheApplicationsOwn() {
        // Given topic.* settings and a replication factor for Kafka Streams
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), "2");
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), "1048576");
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "3");

        // When
        NewTopic topic = AnalyticsApp.repartitionTopic("app-load-partials-repartition", 2, new StreamsConfig(props));

        // Then Streams' library settings, overridden by the application's, as Streams would create it
        assertThat(topic.numPartitions()).isEqualTo(2);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1")
                .containsEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime")
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, "1048576");

        // and without a replication factor, the broker's default
        props.remove(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        assertThat(AnalyticsApp.repartitionTopic("t", 2, new StreamsConfig(props))
                        .replicationFactor())
                .isEqualTo((short) -1);
    }

    @Test
    void shouldNotTreatABugAsRetriable() {
        assertThat(AnalyticsApp.isRetriable(new StreamsException("boom", new IllegalStateException("bug"))))
                .isFalse();
        assertThat(AnalyticsApp.isRetriable(new NullPointerException())).isFalse();
    }
}
