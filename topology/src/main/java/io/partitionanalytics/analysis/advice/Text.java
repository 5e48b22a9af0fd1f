package io.partitionanalytics.analysis.advice;

import java.util.Locale;

/** How rationales print numbers: the same way everywhere, independent of the machine's locale. */
final class Text {

    private Text() {}

    /** A multiple of the mean: {@code 2.10×}. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    /**
     * A fraction as a percentage, with a decimal only where a whole number would say 0: {@code 8%}, {@code 0.4%},
     * {@code <0.1%}.
     */
    static String percent(double fraction) {
        double pct = fraction * 100;
        if (pct > 0 && pct < 0.05) {
            return "<0.1%";
        }
        if (pct > 0 && pct < 1) {
            return String.format(Locale.ROOT, "%.1f%%", pct);
        }
        return String.format(Locale.ROOT, "%.0f%%", pct);
    }

    static String eventsPerSec(double value) {
        return String.format(Locale.ROOT, "%,.0f events/s", value);
    }

    static String bytesPerSec(double value) {
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s"};
        double v = value;
        int unit = 0;
        while (v >= 1000 && unit < units.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", v, units[unit]);
    }

    /** The cost clause every rationale ends with. */
    static String cost(double keyFraction, double eventFraction, double eventsPerSec, double bytesPerSec) {
        return "moves " + percent(keyFraction) + " of keys and " + percent(eventFraction) + " of traffic ("
                + eventsPerSec(eventsPerSec) + ", " + bytesPerSec(bytesPerSec) + ")";
    }

    /** A key in a rationale, quoted so that spaces and punctuation in it cannot be misread. */
    static String key(String key) {
        return "\"" + key + "\"";
    }
}
