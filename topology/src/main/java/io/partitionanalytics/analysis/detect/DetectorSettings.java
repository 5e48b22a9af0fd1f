package io.partitionanalytics.analysis.detect;

/**
 * Thresholds of hotspot detection, as multiples of the mean partition load.
 *
 * @param enterRatio a partition is hot in a window when its load is at least this multiple of the mean
 * @param minWindows consecutive hot windows before an alert opens
 * @param exitRatio an open alert counts a window as cool when the load is below this multiple
 * @param exitWindows consecutive cool windows before an alert resolves
 * @param criticalRatio CRITICAL from this multiple (WARN below it)
 * @param cooldownWindows windows after a RESOLVED during which the same partition does not open again (flapping)
 * @param keyShareChange an open alert sends UPDATE when the heaviest key changes, or a key's share of the
 *     partition moves by at least this much (0..1) since the last alert
 */
public record DetectorSettings(
        double enterRatio,
        int minWindows,
        double exitRatio,
        int exitWindows,
        double criticalRatio,
        int cooldownWindows,
        double keyShareChange) {

    public static final DetectorSettings DEFAULTS = new DetectorSettings(1.5, 3, 1.2, 2, 3.0, 2, 0.2);

    public DetectorSettings {
        if (!(enterRatio > 1.0)) {
            throw new IllegalArgumentException("enter ratio must be > 1, got " + enterRatio);
        }
        if (!(exitRatio >= 1.0 && exitRatio <= enterRatio)) {
            throw new IllegalArgumentException(
                    "exit ratio must be between 1 and the enter ratio " + enterRatio + ", got " + exitRatio);
        }
        if (!(criticalRatio >= enterRatio)) {
            throw new IllegalArgumentException(
                    "critical ratio must be at least the enter ratio " + enterRatio + ", got " + criticalRatio);
        }
        if (minWindows < 1 || exitWindows < 1 || cooldownWindows < 0) {
            throw new IllegalArgumentException("window counts must be >= 1 (cool-down >= 0)");
        }
        if (!(keyShareChange > 0 && keyShareChange <= 1)) {
            throw new IllegalArgumentException("key share change must be in (0, 1], got " + keyShareChange);
        }
    }
}
