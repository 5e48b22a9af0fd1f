package io.partitionanalytics.analysis.detect;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the detector remembers of one strategy between windows (persisted between windows, so that a restart
 * continues episodes rather than opening them again).
 *
 * @param lastWindowEndMs the last window applied (older or repeated windows are ignored)
 * @param partitions per partition, only those that are hot, open or cooling down
 */
public record DetectorState(long lastWindowEndMs, Map<Integer, PartitionState> partitions) {

    public static DetectorState empty() {
        return new DetectorState(Long.MIN_VALUE, Map.of());
    }

    /**
     * @param hotWindows consecutive windows at or above the enter ratio
     * @param coolWindows consecutive windows below the exit ratio while open
     * @param alertId the open episode's id, null when not open
     * @param episodeStartMs start of the episode's first hot window
     * @param severity of the last alert sent
     * @param alertedKeys the heavy keys and shares named in the last alert
     * @param cooldownUntilMs no new episode opens before this window end
     */
    public record PartitionState(
            int hotWindows,
            int coolWindows,
            String alertId,
            long episodeStartMs,
            HotspotAlertEvent.Severity severity,
            List<HotspotAlertEvent.HotKey> alertedKeys,
            long cooldownUntilMs) {

        boolean isOpen() {
            return alertId != null;
        }

        static PartitionState idle() {
            return new PartitionState(0, 0, null, 0, null, List.of(), Long.MIN_VALUE);
        }
    }

    DetectorState with(long windowEndMs, Map<Integer, PartitionState> next) {
        return new DetectorState(windowEndMs, new TreeMap<>(next));
    }
}
