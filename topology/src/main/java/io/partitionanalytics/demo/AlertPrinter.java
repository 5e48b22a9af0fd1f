package io.partitionanalytics.demo;

import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints hotspot alerts and rebalance recommendations as they happen, in a few readable lines each. */
public final class AlertPrinter {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final PrintStream out;

    public AlertPrinter(PrintStream out) {
        this.out = out;
    }

    public void accept(HotspotAlert alert) {
        out.printf(
                Locale.ROOT,
                "%n>> %s ALERT %-8s %-8s %s  (window ending %s, alert %s)%n",
                TIME.format(Instant.now()),
                alert.getState(),
                alert.getSeverity(),
                alert.getReason(),
                TIME.format(Instant.ofEpochMilli(alert.getWindowEndMs())),
                alert.getAlertId().substring(0, 8));
        out.flush();
    }

    public void accept(RebalanceRecommendation recommendation) {
        out.printf(
                Locale.ROOT,
                "%n>> %s ADVICE %-16s %s: max/mean %.2f -> %.2f; moves %.0f%% of keys, %.0f events/s  (after alert %s)%n"
                        + "   %s%n",
                TIME.format(Instant.now()),
                recommendation.getKind(),
                recommendation.getStrategy(),
                recommendation.getBeforeMaxToMean(),
                recommendation.getAfterMaxToMean(),
                recommendation.getMovedKeyFraction() * 100,
                recommendation.getMovedEventsPerSec(),
                recommendation.getTriggerAlertId() == null
                        ? "-"
                        : recommendation.getTriggerAlertId().substring(0, 8),
                recommendation.getRationale());
        out.flush();
    }
}
