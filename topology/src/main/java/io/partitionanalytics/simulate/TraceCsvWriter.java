package io.partitionanalytics.simulate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes events as a trace CSV that {@link TraceReader} reads back: header {@code key,timestamp,bytes,lat,lng}, keys
 * quoted when they hold a comma or a quote, empty coordinates for events without a location; gzip-compressed when the
 * file name ends in {@code .gz}.
 */
public final class TraceCsvWriter implements Consumer<TraceEvent>, Closeable {

    private final Writer out;

    public TraceCsvWriter(Path file) throws IOException {
        OutputStream stream = Files.newOutputStream(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            stream = new GZIPOutputStream(stream, 1 << 16);
        }
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        write(String.join(
                ",", TraceFields.KEY, TraceFields.TIMESTAMP, TraceFields.BYTES, TraceFields.LAT, TraceFields.LNG));
        write("\n");
    }

    @Override
    public void accept(TraceEvent event) {
        StringBuilder line = new StringBuilder(64);
        line.append(quoted(new String(event.key(), StandardCharsets.UTF_8)))
                .append(',')
                .append(event.timestampMs())
                .append(',')
                .append(event.bytes())
                .append(',');
        if (event.hasLocation()) {
            line.append(event.latitude()).append(',').append(event.longitude());
        } else {
            line.append(',');
        }
        write(line.append('\n').toString());
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && !field.startsWith(" ") && !field.isEmpty()) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
