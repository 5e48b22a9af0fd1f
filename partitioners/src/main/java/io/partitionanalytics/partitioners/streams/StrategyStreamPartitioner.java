package io.partitionanalytics.partitioners.streams;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.StrategyCache;
import io.partitionanalytics.partitioners.strategy.ChannelBucketStrategy;
import io.partitionanalytics.partitioners.strategy.GeoStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Adapts any strategy to a Kafka Streams {@link StreamPartitioner}, for {@code to(..., Produced.streamPartitioner(...))}
 * and {@code repartition(Repartitioned.streamPartitioner(...))}, so that a Streams app writes where the producer
 * plugins and the analysis say records go.
 *
 * <pre>{@code
 * StreamPartitioner<String, MessageEvent> p = StrategyStreamPartitioner.of(
 *         "time-bucket", Map.of("bucket.ms", "60000"), new StringSerializer(),
 *         StrategyStreamPartitioner.EventFields.timestamp(MessageEvent::getTimestampMs));
 * }</pre>
 *
 * <p>Streams hands the partitioner the key object, so the adapter serializes it with the given serializer: it must be
 * the one the sink topic's key serde uses, or the placement will not match the bytes on the topic. Null keys are an
 * error (these strategies are keyed).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class StrategyStreamPartitioner<K, V> implements StreamPartitioner<K, V> {

    /** Where a value's event time and location are, for the strategies that use them. */
    public interface EventFields<V> {

        /** Event time in epoch milliseconds. */
        long timestampMs(V value);

        /** WGS84 degrees, {@link Double#NaN} when unknown. */
        default double latitude(V value) {
            return Double.NaN;
        }

        /** WGS84 degrees, {@link Double#NaN} when unknown. */
        default double longitude(V value) {
            return Double.NaN;
        }

        /** Event time only. */
        static <V> EventFields<V> timestamp(ToLongFunction<V> timestampMs) {
            Objects.requireNonNull(timestampMs, "timestampMs");
            return timestampMs::applyAsLong;
        }
    }

    private static final Set<String> NEED_EVENT_FIELDS =
            Set.of(TimeBucketStrategy.NAME, ChannelBucketStrategy.NAME, GeoStrategy.NAME);

    private final StrategyCache strategies;
    private final Serializer<K> keySerializer;
    private final EventFields<V> fields;
    private final boolean readsValue;

    private StrategyStreamPartitioner(StrategyCache strategies, Serializer<K> keySerializer, EventFields<V> fields) {
        this.strategies = strategies;
        this.keySerializer = keySerializer;
        this.fields = fields;
        this.readsValue = NEED_EVENT_FIELDS.contains(strategies.name());
    }

    /**
     * For strategies that read event time or location ({@code time-bucket}, {@code channel-bucket}, {@code geo}).
     *
     * @throws io.partitionanalytics.partitioners.InvalidStrategyException for an unknown strategy or option key
     */
    public static <K, V> StrategyStreamPartitioner<K, V> of(
            String strategy, Map<String, String> options, Serializer<K> keySerializer, EventFields<V> fields) {
        Objects.requireNonNull(keySerializer, "keySerializer");
        Objects.requireNonNull(fields, "fields");
        return new StrategyStreamPartitioner<>(new StrategyCache(strategy, options), keySerializer, fields);
    }

    /**
     * For strategies that look at the key only.
     *
     * @throws IllegalArgumentException if {@code strategy} needs event time or location: use the other factory
     */
    public static <K, V> StrategyStreamPartitioner<K, V> of(
            String strategy, Map<String, String> options, Serializer<K> keySerializer) {
        if (NEED_EVENT_FIELDS.contains(strategy)) {
            throw new IllegalArgumentException(
                    "strategy '" + strategy + "' reads event time or location from the value: pass EventFields");
        }
        return of(strategy, options, keySerializer, value -> 0L);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        if (key == null) {
            throw new IllegalArgumentException("StrategyStreamPartitioner: a record for topic '" + topic
                    + "' has no key, but strategy '" + strategies.name() + "' places records by key");
        }
        byte[] keyBytes = keySerializer.serialize(topic, key);
        if (keyBytes == null) {
            throw new IllegalArgumentException(
                    "StrategyStreamPartitioner: the key serializer turned a key for topic '" + topic + "' into null");
        }
        PartitionStrategy strategy = strategies.forPartitions(numPartitions);
        if (!readsValue) {
            return Optional.of(Set.of(strategy.partition(keyBytes, 0L, Double.NaN, Double.NaN)));
        }
        if (value == null) {
            throw new IllegalArgumentException("StrategyStreamPartitioner: a record for topic '" + topic
                    + "' has no value, but strategy '" + strategies.name() + "' reads event time from it");
        }
        long timestampMs = fields.timestampMs(value);
        double latitude = fields.latitude(value);
        double longitude = fields.longitude(value);
        return Optional.of(Set.of(strategy.partition(keyBytes, timestampMs, latitude, longitude)));
    }
}
