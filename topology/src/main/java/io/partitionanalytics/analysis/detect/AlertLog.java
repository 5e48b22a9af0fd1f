package io.partitionanalytics.analysis.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the API shows of one strategy's alerts: the latest state of every open episode, and the most recent
 * {@link #MAX_RECENT} state changes, newest last.
 */
public record AlertLog(List<HotspotAlertEvent> open, List<HotspotAlertEvent> recent) {

    public static final int MAX_RECENT = 50;

    public static AlertLog empty() {
        return new AlertLog(List.of(), List.of());
    }

    public AlertLog append(List<HotspotAlertEvent> alerts) {
        List<HotspotAlertEvent> stillOpen = new ArrayList<>(open == null ? List.of() : open);
        List<HotspotAlertEvent> log = new ArrayList<>(recent == null ? List.of() : recent);
        for (HotspotAlertEvent alert : alerts) {
            stillOpen.removeIf(existing -> existing.alertId().equals(alert.alertId()));
            if (alert.state() != HotspotAlertEvent.State.RESOLVED) {
                stillOpen.add(alert);
            }
            log.add(alert);
        }
        stillOpen.sort(Comparator.comparingInt(HotspotAlertEvent::partition));
        if (log.size() > MAX_RECENT) {
            log = log.subList(log.size() - MAX_RECENT, log.size());
        }
        return new AlertLog(List.copyOf(stillOpen), List.copyOf(log));
    }
}
