package io.partitionanalytics.partitioners.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.partitioners.InvalidStrategyException;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.partitioners.TestKeys;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The key-only plugins; {@link TimeBucketPartitionerTest} covers the one that reads the value. */
class StrategyPartitionerTest {

    private static final String TOPIC = "message-events";

    static Stream<Arguments> keyedPlugins() {
        return Stream.of(
                Arguments.of((Supplier<Partitioner>) Murmur3ChannelPartitioner::new, "murmur3-channel"),
                Arguments.of((Supplier<Partitioner>) ConsistentHashPartitioner::new, "consistent-hash"),
                Arguments.of((Supplier<Partitioner>) JumpHashPartitioner::new, "jump"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keyedPlugins")
    void shouldPlaceRecordsWhereTheStrategySays(Supplier<Partitioner> plugin, String strategyName) {
        // Given
        Partitioner partitioner = plugin.get();
        partitioner.configure(Map.of("bootstrap.servers", "unused:9092"));
        Cluster cluster = Clusters.withTopic(TOPIC, 12);
        PartitionStrategy strategy = Strategies.create(strategyName, 12);

        for (byte[] key : TestKeys.randomBytes(3, 20_000, 40)) {
            // When / Then
            assertThat(partitioner.partition(TOPIC, "ignored", key, "value", null, cluster))
                    .isEqualTo(strategy.partition(key, 0L, Double.NaN, Double.NaN));
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("keyedPlugins")
    void shouldFollowTheTopicsPartitionCount(Supplier<Partitioner> plugin, String strategyName) {
        // Given the same plugin writing to topics of 5 and 40 partitions
        Partitioner partitioner = plugin.get();
        partitioner.configure(Map.of());
        Cluster small = Clusters.withTopic("small", 5);
        Cluster large = Clusters.withTopic("large", 40);
        PartitionStrategy five = Strategies.create(strategyName, 5);
        PartitionStrategy forty = Strategies.create(strategyName, 40);

        for (byte[] key : TestKeys.channels(2_000)) {
            // When / Then
            assertThat(partitioner.partition("small", null, key, null, null, small))
                    .isEqualTo(five.partition(key, 0L, Double.NaN, Double.NaN));
            assertThat(partitioner.partition("large", null, key, null, null, large))
                    .isEqualTo(forty.partition(key, 0L, Double.NaN, Double.NaN));
        }
    }

    @Test
    void shouldPassPrefixedOptionsToTheStrategy() {
        // Given
        ConsistentHashPartitioner partitioner = new ConsistentHashPartitioner();
        partitioner.configure(Map.of(PartitionerConfig.VNODES_CONFIG, 8, PartitionerConfig.SEED_CONFIG, "3"));
        PartitionStrategy expected = Strategies.create("consistent-hash", 12, Map.of("vnodes", "8", "seed", "3"));
        PartitionStrategy defaults = Strategies.create("consistent-hash", 12);
        Cluster cluster = Clusters.withTopic(TOPIC, 12);
        int differFromDefaults = 0;

        for (byte[] key : TestKeys.channels(2_000)) {
            // When
            int partition = partitioner.partition(TOPIC, null, key, null, null, cluster);

            // Then
            assertThat(partition).isEqualTo(expected.partition(key, 0L, Double.NaN, Double.NaN));
            if (partition != defaults.partition(key, 0L, Double.NaN, Double.NaN)) {
                differFromDefaults++;
            }
        }
        assertThat(differFromDefaults).as("the options changed the ring").isPositive();
    }

    @Test
    void shouldFailConfigurationOnAnUnknownOrInvalidOption() {
        assertThatThrownBy(() -> new JumpHashPartitioner().configure(Map.of("partition-analytics.vnodes", "8")))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'jump'")
                .hasMessageContaining("'vnodes'");
        assertThatThrownBy(
                        () -> new ConsistentHashPartitioner().configure(Map.of(PartitionerConfig.VNODES_CONFIG, "0")))
                .isInstanceOf(InvalidStrategyException.class)
                .hasMessageContaining("'vnodes'");
    }

    @Test
    void shouldRejectRecordsWithoutKey() {
        Murmur3ChannelPartitioner partitioner = new Murmur3ChannelPartitioner();
        partitioner.configure(Map.of());

        assertThatThrownBy(() -> partitioner.partition(TOPIC, null, null, "v", null, Clusters.withTopic(TOPIC, 12)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no key")
                .hasMessageContaining("murmur3-channel")
                .hasMessageContaining(TOPIC);
    }
}
