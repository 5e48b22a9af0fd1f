package io.partitionanalytics.simulate;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Streams a trace file event by event into a consumer, holding one line at a time, so traces larger than memory can be
 * simulated.
 *
 * <p>Compression is recognised by gzip's magic bytes, not trusted from the name: a {@code .gz} that is not gzip is an
 * error, and a gzip file without the extension is still read. The format comes from the name ({@code .csv};
 * {@code .jsonl}, {@code .ndjson}, {@code .json}, each optionally followed by {@code .gz}); otherwise from the first
 * non-blank line: a JSON object means JSON lines, anything else is taken as a CSV header. Blank lines are skipped.
 */
public final class TraceReader {

    /** The source name that reads standard input. */
    public static final String STDIN = "-";

    private static final int MAX_PROBLEMS_KEPT = 3;

    /** Trace layouts. */
    public enum Format {
        CSV,
        JSON_LINES
    }

    /**
     * What reading a trace met.
     *
     * @param lines lines read, blank ones and the CSV header included
     * @param events events delivered
     * @param skipped malformed lines skipped (only with skipping on)
     * @param firstProblems the first few of those, each as {@code "line N: problem"}
     */
    public record Summary(long lines, long events, long skipped, List<String> firstProblems) {}

    private TraceReader() {}

    /**
     * Reads {@code source} (a path, or {@value #STDIN}) to the end.
     *
     * @param skipBad count and skip malformed lines instead of stopping at the first
     * @throws TraceFormatException at the first malformed line (unless skipping), on a bad CSV header, an empty trace or
     *     a file that claims to be gzip and is not; the message gives the source and the line number
     * @throws IOException when the file cannot be read
     */
    public static Summary read(String source, Consumer<TraceEvent> sink, boolean skipBad) throws IOException {
        try (InputStream in = open(source)) {
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(decompressed(source, in), StandardCharsets.UTF_8), 1 << 16);
            return read(source, formatFromName(source), reader, sink, skipBad);
        }
    }

    private static Summary read(
            String source, Format fromName, BufferedReader reader, Consumer<TraceEvent> sink, boolean skipBad)
            throws IOException {
        TraceLineParser parser = null;
        long lineNumber = 0;
        long events = 0;
        long skipped = 0;
        List<String> problems = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark, as some spreadsheet exports write
            }
            if (line.isBlank()) {
                continue;
            }
            if (parser == null) {
                Format format = fromName != null ? fromName : sniff(line);
                if (format == Format.CSV) {
                    try {
                        parser = new CsvTraceParser(line);
                    } catch (IllegalArgumentException e) {
                        // Without a usable header no line can be read, so skipping cannot help.
                        throw new TraceFormatException(source, lineNumber, "bad CSV header: " + e.getMessage());
                    }
                    continue;
                }
                parser = new JsonLinesTraceParser();
            }
            TraceEvent event;
            try {
                event = parser.parse(line);
            } catch (IllegalArgumentException e) {
                if (!skipBad) {
                    throw new TraceFormatException(
                            source, lineNumber, e.getMessage() + " (--skip-bad skips such lines)");
                }
                skipped++;
                if (problems.size() < MAX_PROBLEMS_KEPT) {
                    problems.add("line " + lineNumber + ": " + e.getMessage());
                }
                continue;
            }
            sink.accept(event);
            events++;
        }
        if (parser == null) {
            throw new TraceFormatException(source, "the trace is empty");
        }
        return new Summary(lineNumber, events, skipped, List.copyOf(problems));
    }

    /** The format a file name announces, or {@code null} to decide from the content. */
    static Format formatFromName(String source) {
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Format.JSON_LINES;
        }
        return null;
    }

    private static Format sniff(String firstLine) {
        return firstLine.stripLeading().startsWith("{") ? Format.JSON_LINES : Format.CSV;
    }

    private static InputStream open(String source) throws IOException {
        if (source.equals(STDIN)) {
            return new NonClosingInputStream(System.in);
        }
        try {
            return Files.newInputStream(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(source, null, "no such trace file");
        }
    }

    private static InputStream decompressed(String source, InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        if (source.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            throw new TraceFormatException(source, "named .gz but not gzip-compressed (no gzip magic bytes)");
        }
        return in;
    }

    /** Standard input belongs to the process: reading a trace from it must not close it. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
