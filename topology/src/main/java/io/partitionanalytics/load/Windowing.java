package io.partitionanalytics.load;

import io.partitionanalytics.config.AnalyticsConfig;

/**
 * The event-time rules shared by the combine and merge steps: tumbling windows of {@code sizeMs}, open for
 * {@code graceMs} after their end; a quiet input partition stops holding windows open after {@code idleMs}; partials
 * travel to the merge step every {@code flushIntervalMs}.
 */
public record Windowing(long sizeMs, long graceMs, long idleMs, long flushIntervalMs) {

    public static Windowing from(AnalyticsConfig config) {
        return new Windowing(
                config.windowSizeMs(),
                config.windowGraceMs(),
                config.watermarkIdleMs(),
                config.combineFlushIntervalMs());
    }

    public long windowStart(long timestampMs) {
        return timestampMs - Math.floorMod(timestampMs, sizeMs);
    }

    /** Whether the window starting at {@code windowStartMs} is closed once event time has reached {@code timeMs}. */
    public boolean isClosed(long windowStartMs, long timeMs) {
        return timeMs != Long.MIN_VALUE && windowStartMs + sizeMs + graceMs <= timeMs;
    }
}
