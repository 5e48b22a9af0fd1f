package io.partitionanalytics.input;

import io.partitionanalytics.config.AnalyticsConfig;

/**
 * What an input record must satisfy to be analysed; everything else goes to the dead-letter topic.
 *
 * @param maxRecordBytes largest key + value size accepted
 * @param maxFutureSkewMs how far ahead of the wall clock an event's {@code timestamp_ms} may be
 * @param registryRetryPauseMs pause between attempts while waiting for an unreachable schema registry
 */
public record InputRules(int maxRecordBytes, long maxFutureSkewMs, long registryRetryPauseMs) {

    public static InputRules from(AnalyticsConfig config) {
        return new InputRules(
                config.inputMaxRecordBytes(),
                config.inputMaxFutureSkewMs(),
                config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG));
    }
}
