package io.partitionanalytics.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderTest {

    @TempDir
    Path dir;

    private final List<TraceEvent> events = new ArrayList<>();

    @Test
    void shouldReadCsvWithColumnsInAnyOrderAndQuotedKeys() throws IOException {
        // Given a CSV whose header orders columns its own way and has an extra one
        Path file = write(
                "trace.csv",
                "bytes,extra,timestamp,key,lat,lng\n"
                        + "100,x,1000,c-1,,\n"
                        + "\n"
                        + "7,y,2025-01-01T00:00:00Z,\"a,\"\"b\",52.5,13.4\n");

        // When
        TraceReader.Summary summary = TraceReader.read(file.toString(), events::add, false);

        // Then
        assertThat(summary.events()).isEqualTo(2);
        assertThat(summary.lines()).isEqualTo(4);
        assertThat(new String(events.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        assertThat(events.get(0).timestampMs()).isEqualTo(1000);
        assertThat(events.get(0).bytes()).isEqualTo(100);
        assertThat(events.get(0).hasLocation()).isFalse();
        assertThat(new String(events.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("a,\"b");
        assertThat(events.get(1).timestampMs()).isEqualTo(1_735_689_600_000L);
        assertThat(events.get(1).latitude()).isEqualTo(52.5);
        assertThat(events.get(1).longitude()).isEqualTo(13.4);
    }

    @Test
    void shouldReadJsonLines() throws IOException {
        Path file = write(
                "trace.jsonl",
                "{\"key\":\"c-1\",\"timestamp\":1000,\"bytes\":10}\n"
                        + "{\"key\":\"c-2\",\"timestamp\":\"1970-01-01T00:00:02Z\",\"bytes\":20,\"lat\":1.5,\"lng\":-2,"
                        + "\"other\":[1]}\n"
                        + "{\"key\":\"c-3\",\"timestamp\":3000,\"bytes\":30,\"lat\":null,\"lng\":null}\n");

        TraceReader.read(file.toString(), events::add, false);

        assertThat(events).extracting(TraceEvent::timestampMs).containsExactly(1000L, 2000L, 3000L);
        assertThat(events).extracting(TraceEvent::bytes).containsExactly(10L, 20L, 30L);
        assertThat(events.get(1).longitude()).isEqualTo(-2.0);
        assertThat(events.get(2).hasLocation()).isFalse();
    }

    @Test
    void shouldReadGzipByItsMagicBytesWhateverTheName() throws IOException {
        // Given the same gzip-compressed JSON lines, with and without the .gz extension
        String content = "{\"key\":\"c-1\",\"timestamp\":1000,\"bytes\":10}\n";
        Path named = writeGzip("trace.jsonl.gz", content);
        Path unnamed = writeGzip("trace.data", content);

        // When / Then both are read (the second's format sniffed from its first line)
        assertThat(TraceReader.read(named.toString(), events::add, false).events())
                .isEqualTo(1);
        assertThat(TraceReader.read(unnamed.toString(), events::add, false).events())
                .isEqualTo(1);
    }

    @Test
    void shouldSniffCsvWhenTheNameSaysNothing() throws IOException {
        Path file = write("trace.txt", "key,timestamp,bytes\nc-1,5,6\n");

        assertThat(TraceReader.read(file.toString(), events::add, false).events())
                .isEqualTo(1);
    }

    @Test
    void shouldRejectAGzNameWithoutGzipContent() throws IOException {
        Path file = write("trace.csv.gz", "key,timestamp,bytes\n");

        assertThatThrownBy(() -> TraceReader.read(file.toString(), events::add, false))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("not gzip");
    }

    @Test
    void shouldStopAtAMalformedLineNamingIt() throws IOException {
        Path file = write("trace.csv", "key,timestamp,bytes\nc-1,1,2\nc-2,1,lots\nc-3,1,2\n");

        assertThatThrownBy(() -> TraceReader.read(file.toString(), events::add, false))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining("bytes 'lots' is not a whole number")
                .satisfies(e -> assertThat(((TraceFormatException) e).line()).isEqualTo(3));
    }

    @Test
    void shouldSkipAndCountMalformedLinesWhenAskedTo() throws IOException {
        // Given bad lines of several kinds
        Path file = write(
                "trace.jsonl",
                "{\"key\":\"c-1\",\"timestamp\":1,\"bytes\":2}\n"
                        + "{\"key\":\"c-2\",\"timestamp\":1}\n"
                        + "not json\n"
                        + "{\"key\":\"c-3\",\"timestamp\":1,\"bytes\":2,\"lat\":3}\n"
                        + "{\"key\":\"c-4\",\"timestamp\":1,\"bytes\":-2}\n"
                        + "{\"key\":\"c-5\",\"timestamp\":1,\"bytes\":2}\n");

        // When
        TraceReader.Summary summary = TraceReader.read(file.toString(), events::add, true);

        // Then
        assertThat(summary.events()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(4);
        assertThat(summary.firstProblems())
                .hasSize(3)
                .first()
                .asString()
                .startsWith("line 2:")
                .contains("no 'bytes'");
        assertThat(summary.firstProblems().get(2)).contains("both lat and lng");
    }

    @Test
    void shouldExplainABadHeaderEvenWhenSkipping() throws IOException {
        Path file = write("trace.csv", "key,time,bytes\nc-1,1,2\n");

        assertThatThrownBy(() -> TraceReader.read(file.toString(), events::add, true))
                .hasMessageContaining("line 1")
                .hasMessageContaining("no 'timestamp' column");
    }

    @Test
    void shouldRejectAnEmptyTraceAndAMissingFile() throws IOException {
        Path empty = write("empty.csv", "\n\n");

        assertThatThrownBy(() -> TraceReader.read(empty.toString(), events::add, false))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TraceReader.read(dir.resolve("nope.csv").toString(), events::add, false))
                .hasMessageContaining("nope.csv");
    }

    @Test
    void shouldCountFieldsAgainstTheHeader() throws IOException {
        Path file = write("trace.csv", "key,timestamp,bytes\nc,1,2,3\n");

        assertThatThrownBy(() -> TraceReader.read(file.toString(), events::add, false))
                .hasMessageContaining("expected 3 fields as in the header, got 4");
    }

    @Test
    void shouldReadBackWhatTheCsvWriterWrote() throws IOException {
        // Given events with awkward keys, written to a compressed CSV
        Path file = dir.resolve("round-trip.csv.gz");
        List<TraceEvent> written = List.of(
                new TraceEvent("plain".getBytes(StandardCharsets.UTF_8), 1, 2, Double.NaN, Double.NaN),
                new TraceEvent("com,ma \"q\"".getBytes(StandardCharsets.UTF_8), 3, 4, 10.25, -20.5),
                new TraceEvent(" lead".getBytes(StandardCharsets.UTF_8), 5, 6, Double.NaN, Double.NaN));
        try (TraceCsvWriter writer = new TraceCsvWriter(file)) {
            written.forEach(writer);
        }

        // When
        TraceReader.read(file.toString(), events::add, false);

        // Then
        assertThat(events).hasSize(3);
        // Key arrays by content; coordinates by Double#equals, for which NaN (no location) equals NaN.
        for (int i = 0; i < 3; i++) {
            assertThat(events.get(i))
                    .usingRecursiveComparison()
                    .withEqualsForType(Double::equals, Double.class)
                    .isEqualTo(written.get(i));
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path writeGzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
