package io.partitionanalytics.input;

import io.partitionanalytics.config.AnalyticsConfig;

/**
 * What an input record must satisfy to be analysed; everything else goes to the dead-letter topic.
 *
 * @param maxRecordBytes largest key + value size accepted
 * @param maxFutureSkewMs how far ahead of the wall clock an event's {@code timestamp_ms} may be
 */
public record InputRules(int maxRecordBytes, long maxFutureSkewMs) {

    public static InputRules from(AnalyticsConfig config) {
        return new InputRules(config.inputMaxRecordBytes(), config.inputMaxFutureSkewMs());
    }
}
