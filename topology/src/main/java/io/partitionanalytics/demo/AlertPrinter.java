package io.partitionanalytics.demo;

import io.partitionanalytics.schemas.HotspotAlert;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints hotspot alerts as they happen, one readable line each. */
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
}
