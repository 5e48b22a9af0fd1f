package io.partitionanalytics.bench;

import io.partitionanalytics.config.AnalyticsConfig;
import java.util.Map;

/**
 * Where a benchmark's pipeline writes: topics named after its input, so that a benchmark run against a cluster that
 * also hosts a real deployment never writes loads, alerts, recommendations or dead letters into that deployment's
 * topics.
 */
final class BenchTopics {

    private BenchTopics() {}

    /** The pipeline's output topic settings, each named {@code input} plus a suffix. */
    static Map<String, String> outputsNamedAfter(String input) {
        return Map.of(
                AnalyticsConfig.LOAD_TOPIC_CONFIG, input + "-load",
                AnalyticsConfig.HOTSPOTS_TOPIC_CONFIG, input + "-hotspots",
                AnalyticsConfig.RECOMMENDATIONS_TOPIC_CONFIG, input + "-recommendations",
                AnalyticsConfig.DLQ_TOPIC_CONFIG, input + "-dlq");
    }
}
