package io.partitionanalytics.partitioners.kafka;

import io.partitionanalytics.partitioners.strategy.ConsistentHashStrategy;
import io.partitionanalytics.partitioners.strategy.TimeBucketStrategy;

/**
 * Producer config keys of the partitioner plugins. Every key is {@value #PREFIX} followed by the strategy option key
 * (see {@link io.partitionanalytics.partitioners.Strategies#options()}), plus the plugin-only {@link
 * #TIMESTAMP_FIELD_CONFIG}. A prefixed key the plugin's strategy does not know fails the producer's construction, so a
 * typo cannot go unnoticed.
 */
public final class PartitionerConfig {

    public static final String PREFIX = "partition-analytics.";

    /** {@link ConsistentHashPartitioner}: virtual nodes per partition (default 256). */
    public static final String VNODES_CONFIG = PREFIX + ConsistentHashStrategy.VNODES;

    /** {@link ConsistentHashPartitioner}: Murmur3 seed of the vnode positions (default 0). */
    public static final String SEED_CONFIG = PREFIX + ConsistentHashStrategy.SEED;

    /** {@link TimeBucketPartitioner}: bucket width in milliseconds (default 60000). */
    public static final String BUCKET_MS_CONFIG = PREFIX + TimeBucketStrategy.BUCKET_MS;

    /** {@link TimeBucketPartitioner}: the field of the Avro value holding event time in epoch ms. */
    public static final String TIMESTAMP_FIELD_CONFIG = PREFIX + "timestamp.field";

    public static final String DEFAULT_TIMESTAMP_FIELD = "timestamp_ms";

    private PartitionerConfig() {}
}
