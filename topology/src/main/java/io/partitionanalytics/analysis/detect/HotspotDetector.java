package io.partitionanalytics.analysis.detect;

import io.partitionanalytics.load.LoadSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The hotspot state machine of one strategy's partitions, fed one closed window at a time, in window order.
 *
 * <p>A partition is hot in a window when its events are at least {@code enterRatio} × the mean (total / N over all N
 * partitions, empty ones included). After {@code minWindows} consecutive hot windows an episode OPENs; while open,
 * an UPDATE goes out when the severity changes or the heavy keys change materially; after {@code exitWindows}
 * consecutive windows below {@code exitRatio} it is RESOLVED, and the partition cannot open again for
 * {@code cooldownWindows} windows. Windows without any events change nothing. Plain Java: no Kafka.
 */
public final class HotspotDetector {

    /** Heavy keys named per alert. */
    static final int KEYS_PER_ALERT = 5;
    /** The reason names the heaviest key only when it carries at least this share of the partition. */
    static final double MIN_SHARE_NAMED = 0.05;

    private final DetectorSettings settings;

    public HotspotDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    /** The outcome of one window: the new state and the alerts to send, in partition order. */
    public record Result(DetectorState state, List<HotspotAlertEvent> alerts) {}

    /**
     * @param nodeOf the node holding a partition, or null when unknown
     */
    public Result apply(DetectorState state, LoadSnapshot window, IntFunction<String> nodeOf) {
        if (window.windowEndMs() <= state.lastWindowEndMs()) {
            return new Result(state, List.of());
        }
        if (window.totalEvents() == 0) {
            return new Result(state.with(window.windowEndMs(), state.partitions()), List.of());
        }
        long windowMs = window.windowEndMs() - window.windowStartMs();
        Map<Integer, DetectorState.PartitionState> next = new HashMap<>();
        List<HotspotAlertEvent> alerts = new ArrayList<>();
        for (LoadSnapshot.Partition partition : window.partitions()) {
            DetectorState.PartitionState before =
                    state.partitions().getOrDefault(partition.partition(), DetectorState.PartitionState.idle());
            DetectorState.PartitionState after =
                    step(before, window, windowMs, partition, nodeOf.apply(partition.partition()), alerts);
            if (after.hotWindows() > 0 || after.isOpen() || after.cooldownUntilMs() > window.windowEndMs()) {
                next.put(partition.partition(), after);
            }
        }
        return new Result(state.with(window.windowEndMs(), next), alerts);
    }

    private DetectorState.PartitionState step(
            DetectorState.PartitionState before,
            LoadSnapshot window,
            long windowMs,
            LoadSnapshot.Partition partition,
            String node,
            List<HotspotAlertEvent> alerts) {
        double ratio = partition.ratioToMean();
        boolean hot = ratio >= settings.enterRatio();
        int hotWindows = hot ? before.hotWindows() + 1 : 0;
        // The episode starts with the first of its consecutive hot windows.
        long episodeStartMs = window.windowStartMs() - (long) (hotWindows - 1) * windowMs;
        HotspotAlertEvent.Severity severity = ratio >= settings.criticalRatio()
                ? HotspotAlertEvent.Severity.CRITICAL
                : HotspotAlertEvent.Severity.WARN;
        List<HotspotAlertEvent.HotKey> keys = hotKeys(partition);

        if (!before.isOpen()) {
            boolean coolingDown = window.windowEndMs() <= before.cooldownUntilMs();
            if (hot && hotWindows >= settings.minWindows() && !coolingDown) {
                String alertId = alertId(window.strategy(), partition.partition(), episodeStartMs);
                alerts.add(alert(
                        alertId,
                        HotspotAlertEvent.State.OPEN,
                        severity,
                        window,
                        partition,
                        node,
                        episodeStartMs,
                        hotWindows,
                        keys));
                return new DetectorState.PartitionState(
                        hotWindows, 0, alertId, episodeStartMs, severity, keys, before.cooldownUntilMs());
            }
            return new DetectorState.PartitionState(hotWindows, 0, null, 0, null, List.of(), before.cooldownUntilMs());
        }

        boolean cool = ratio < settings.exitRatio();
        int coolWindows = cool ? before.coolWindows() + 1 : 0;
        if (coolWindows >= settings.exitWindows()) {
            alerts.add(alert(
                    before.alertId(),
                    HotspotAlertEvent.State.RESOLVED,
                    before.severity(),
                    window,
                    partition,
                    node,
                    before.episodeStartMs(),
                    hotWindows,
                    keys));
            long cooldownUntil = window.windowEndMs() + settings.cooldownWindows() * windowMs;
            return new DetectorState.PartitionState(0, 0, null, 0, null, List.of(), cooldownUntil);
        }
        // Still open (hot, or between the exit and enter ratios, or not cool for long enough).
        HotspotAlertEvent.Severity current = hot ? severity : before.severity();
        boolean changed = current != before.severity() || (hot && keysChanged(before.alertedKeys(), keys));
        if (changed) {
            alerts.add(alert(
                    before.alertId(),
                    HotspotAlertEvent.State.UPDATE,
                    current,
                    window,
                    partition,
                    node,
                    before.episodeStartMs(),
                    hotWindows,
                    keys));
        }
        return new DetectorState.PartitionState(
                hotWindows,
                coolWindows,
                before.alertId(),
                before.episodeStartMs(),
                current,
                changed ? keys : before.alertedKeys(),
                before.cooldownUntilMs());
    }

    /**
     * Whether the keys that matter changed: those with at least {@code keyShareChange} of the partition. A partition
     * made hot by many small keys (or by time) has none, and its churning top list is not news.
     */
    private boolean keysChanged(List<HotspotAlertEvent.HotKey> before, List<HotspotAlertEvent.HotKey> now) {
        Map<String, Double> previous = significant(before);
        Map<String, Double> current = significant(now);
        if (!previous.keySet().equals(current.keySet())) {
            return true;
        }
        for (Map.Entry<String, Double> key : current.entrySet()) {
            if (Math.abs(key.getValue() - previous.get(key.getKey())) >= settings.keyShareChange()) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Double> significant(List<HotspotAlertEvent.HotKey> keys) {
        Map<String, Double> shares = new HashMap<>();
        for (HotspotAlertEvent.HotKey key : keys) {
            if (key.share() >= settings.keyShareChange()) {
                shares.put(key.key(), key.share());
            }
        }
        return shares;
    }

    private static List<HotspotAlertEvent.HotKey> hotKeys(LoadSnapshot.Partition partition) {
        return partition.topKeys().stream()
                .limit(KEYS_PER_ALERT)
                .map(key -> new HotspotAlertEvent.HotKey(
                        key.key(), key.events(), key.lowerBound(), key.upperBound(), key.share()))
                .toList();
    }

    private HotspotAlertEvent alert(
            String alertId,
            HotspotAlertEvent.State state,
            HotspotAlertEvent.Severity severity,
            LoadSnapshot window,
            LoadSnapshot.Partition partition,
            String node,
            long episodeStartMs,
            int consecutive,
            List<HotspotAlertEvent.HotKey> keys) {
        return new HotspotAlertEvent(
                alertId,
                state,
                severity,
                window.strategy(),
                partition.partition(),
                node,
                window.windowStartMs(),
                window.windowEndMs(),
                episodeStartMs,
                partition.events(),
                window.meanEvents(),
                partition.ratioToMean(),
                settings.enterRatio(),
                consecutive,
                keys,
                reason(state, window, partition, consecutive, keys));
    }

    /** "partition 7 at 3.4× mean for 3 windows; c-42 is 61% of it (±2%)". */
    static String reason(
            HotspotAlertEvent.State state,
            LoadSnapshot window,
            LoadSnapshot.Partition partition,
            int consecutive,
            List<HotspotAlertEvent.HotKey> keys) {
        StringBuilder text = new StringBuilder();
        text.append(window.strategy()).append(" partition ").append(partition.partition());
        if (state == HotspotAlertEvent.State.RESOLVED) {
            text.append(String.format(Locale.ROOT, " back to %.1f× mean", partition.ratioToMean()));
            return text.toString();
        }
        text.append(String.format(
                Locale.ROOT,
                " at %.1f× mean for %d window%s",
                partition.ratioToMean(),
                consecutive,
                consecutive == 1 ? "" : "s"));
        if (!keys.isEmpty() && partition.events() > 0 && keys.get(0).share() >= MIN_SHARE_NAMED) {
            HotspotAlertEvent.HotKey top = keys.get(0);
            double error = (top.upperBound() - top.lowerBound()) / 2.0 / partition.events();
            text.append(String.format(Locale.ROOT, "; %s is %.0f%% of it", top.key(), top.share() * 100));
            if (error >= 0.005) {
                text.append(String.format(Locale.ROOT, " (±%.0f%%)", error * 100));
            }
        }
        return text.toString();
    }

    static String alertId(String strategy, int partition, long episodeStartMs) {
        return UUID.nameUUIDFromBytes(
                        (strategy + "/" + partition + "/" + episodeStartMs).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
