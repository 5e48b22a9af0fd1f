package io.partitionanalytics.analysis.detect;

import java.util.List;

/**
 * One state change of a hot-partition episode: what the alert topic carries, as plain values.
 *
 * @param alertId the same for the OPEN, UPDATEs and RESOLVED of one episode; derived from strategy, partition and
 *     the episode's first window, so a replay produces the same id
 */
public record HotspotAlertEvent(
        String alertId,
        State state,
        Severity severity,
        String strategy,
        int partition,
        String node,
        long windowStartMs,
        long windowEndMs,
        long episodeStartMs,
        long events,
        double meanEvents,
        double ratio,
        double threshold,
        int consecutiveWindows,
        List<HotKey> topKeys,
        String reason) {

    public enum State {
        OPEN,
        UPDATE,
        RESOLVED
    }

    public enum Severity {
        WARN,
        CRITICAL
    }

    /** A key of the hot partition: its events lie in [lowerBound, upperBound]; share is of the partition. */
    public record HotKey(String key, long events, long lowerBound, long upperBound, double share) {}
}
