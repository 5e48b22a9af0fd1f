package io.partitionanalytics.simulate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV with a header line naming the columns {@code key}, {@code timestamp}, {@code bytes} and optionally {@code lat},
 * {@code lng}, in any order; other columns are ignored, so an export with more fields can be used as it is. Fields
 * may be double-quoted (RFC 4180: a quote inside is doubled) so that keys can hold commas; a record is one line. Keys
 * are taken verbatim, spaces included; numbers may be padded. Empty {@code lat}/{@code lng} mean no location.
 */
final class CsvTraceParser implements TraceLineParser {

    private final int keyColumn;
    private final int timestampColumn;
    private final int bytesColumn;
    private final int latColumn;
    private final int lngColumn;
    private final int columns;

    /**
     * @throws IllegalArgumentException if the header lacks a required column or names one twice
     */
    CsvTraceParser(String header) {
        List<String> names = new ArrayList<>();
        for (String name : split(header)) {
            names.add(name.trim().toLowerCase(Locale.ROOT));
        }
        this.columns = names.size();
        this.keyColumn = column(names, TraceFields.KEY, true);
        this.timestampColumn = column(names, TraceFields.TIMESTAMP, true);
        this.bytesColumn = column(names, TraceFields.BYTES, true);
        this.latColumn = column(names, TraceFields.LAT, false);
        this.lngColumn = column(names, TraceFields.LNG, false);
        if ((latColumn < 0) != (lngColumn < 0)) {
            throw new IllegalArgumentException("the header has one of 'lat' and 'lng' but not the other: " + names);
        }
    }

    @Override
    public TraceEvent parse(String line) {
        List<String> fields = split(line);
        if (fields.size() != columns) {
            throw new IllegalArgumentException(
                    "expected " + columns + " fields as in the header, got " + fields.size());
        }
        String key = fields.get(keyColumn);
        long timestamp = Timestamps.parse(fields.get(timestampColumn));
        long bytes = TraceFields.bytes(fields.get(bytesColumn));
        double lat = coordinate(fields, latColumn, TraceFields.LAT);
        double lng = coordinate(fields, lngColumn, TraceFields.LNG);
        TraceFields.checkLocation(lat, lng);
        return new TraceEvent(key.getBytes(StandardCharsets.UTF_8), timestamp, bytes, lat, lng);
    }

    private static double coordinate(List<String> fields, int column, String name) {
        if (column < 0 || fields.get(column).isBlank()) {
            return Double.NaN;
        }
        return TraceFields.coordinate(name, fields.get(column));
    }

    private static int column(List<String> names, String name, boolean required) {
        int first = names.indexOf(name);
        if (first < 0 && required) {
            throw new IllegalArgumentException("the header has no '" + name + "' column; it has " + names
                    + " (required: key, timestamp, bytes; optional: lat, lng)");
        }
        if (first >= 0 && names.lastIndexOf(name) != first) {
            throw new IllegalArgumentException("the header names column '" + name + "' twice");
        }
        return first;
    }

    /** Splits one CSV line into its fields, undoing RFC 4180 quoting. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quoted field is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected '" + line.charAt(i) + "' after a closing quote");
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }
}
