package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ten events over three keys: "hot" has six of them. */
    private static final String CSV = "key,timestamp,bytes\n"
            + "hot,1000,100\nhot,2000,100\nhot,3000,100\nhot,4000,100\nhot,5000,100\nhot,6000,100\n"
            + "a,1000,10\na,2000,10\nb,1000,1\n\"c,d\",7000,5\n";

    @TempDir
    Path dir;

    @Test
    void shouldReportLoadSkewTopKeysAndMovementAsText() throws IOException {
        // Given a CSV trace
        Path trace = Files.writeString(dir.resolve("trace.csv"), CSV);

        // When
        CommandRun run = CommandRun.of(
                "simulate", trace.toString(), "--partitions", "3", "--strategy", "kafka-default", "--strategy", "jump");

        // Then both strategies are reported with their partitions, skew, top keys and what would move
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("10 events, 4 keys, 626 bytes")
                .contains("kafka-default(N=3)", "jump(N=3)")
                .contains("p0", "p1", "p2")
                .contains("peak/mean", "cv ")
                .contains("top keys", "hot ", "60.00%")
                .contains("add partition p3 (N 3 -> 4)");
    }

    @Test
    void shouldGiveExactLoadsAsJson() throws IOException {
        // Given
        Path trace = Files.writeString(dir.resolve("trace.csv"), CSV);

        // When
        CommandRun run = CommandRun.of(
                "simulate",
                trace.toString(),
                "--partitions",
                "4",
                "--strategies",
                "murmur3-channel",
                "--format",
                "json");

        // Then the per-partition events are those of placing each key with the strategy itself
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.at("/trace/events").asLong()).isEqualTo(10);
        JsonNode strategy = report.at("/strategies/0");
        assertThat(strategy.get("strategy").asText()).isEqualTo("murmur3-channel");
        long[] expected = new long[4];
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", 4);
        Map.of("hot", 6, "a", 2, "b", 1, "c,d", 1)
                .forEach((key, events) -> expected[
                        murmur3.partition(key.getBytes(StandardCharsets.UTF_8), 0, Double.NaN, Double.NaN)] += events);
        for (int p = 0; p < 4; p++) {
            assertThat(strategy.at("/partition_loads/" + p + "/events").asLong())
                    .isEqualTo(expected[p]);
        }
        assertThat(strategy.at("/top_keys/0/key").asText()).isEqualTo("hot");
        assertThat(strategy.at("/top_keys/0/share").asDouble()).isEqualTo(0.6);
        assertThat(strategy.at("/changes/0/change").asText()).isEqualTo("add-partition");
        assertThat(strategy.at("/changes/0/keys").asLong()).isEqualTo(4);
        assertThat(strategy.at("/events/peak_to_mean").asDouble())
                .isEqualTo(java.util.Arrays.stream(expected).max().orElseThrow() / 2.5);
    }

    @Test
    void shouldReadGzippedJsonLines() throws IOException {
        // Given a gzip-compressed JSON-lines trace
        Path trace = dir.resolve("trace.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(trace))) {
            out.write(("{\"key\":\"x\",\"timestamp\":1,\"bytes\":3}\n{\"key\":\"y\",\"timestamp\":2,\"bytes\":4}\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        // When
        CommandRun run = CommandRun.of(
                "simulate", trace.toString(), "--partitions", "2", "--strategy", "jump", "--format", "json");

        // Then
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.at("/trace/events").asLong()).isEqualTo(2);
        assertThat(report.at("/trace/bytes").asLong()).isEqualTo(7);
    }

    @Test
    void shouldStopAtAMalformedLineUnlessToldToSkip() throws IOException {
        // Given a trace with a bad fourth line
        Path trace =
                Files.writeString(dir.resolve("trace.csv"), "key,timestamp,bytes\na,1,2\nb,2,3\nc,three,4\nd,4,5\n");

        // When
        CommandRun strict = CommandRun.of("simulate", trace.toString(), "--partitions", "2", "--strategy", "jump");
        CommandRun lenient = CommandRun.of(
                "simulate",
                trace.toString(),
                "--partitions",
                "2",
                "--strategy",
                "jump",
                "--skip-bad",
                "--format",
                "json");

        // Then
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).contains("line 4", "'three'", "--skip-bad");
        assertThat(lenient.exitCode()).as(lenient.err()).isZero();
        JsonNode report = JSON.readTree(lenient.out());
        assertThat(report.at("/trace/events").asLong()).isEqualTo(3);
        assertThat(report.at("/trace/skipped_lines").asLong()).isEqualTo(1);
        assertThat(report.at("/trace/skipped_examples/0").asText()).startsWith("line 4:");
    }

    @Test
    void shouldShowRingSkewFallingWithVnodesOnAGeneratedTrace() throws IOException {
        // Given the showcase: a generated trace on a 3-node ring with 1, then 32 vnodes per node
        Path saved = dir.resolve("trace.csv.gz");
        CommandRun oneVnode = CommandRun.of(
                "simulate",
                "--generate",
                "20000",
                "--channels",
                "2000",
                "--save-trace",
                saved.toString(),
                "--partitions",
                "3",
                "--strategy",
                "consistent-hash",
                "--option",
                "consistent-hash.vnodes=1",
                "--format",
                "json");
        CommandRun manyVnodes = CommandRun.of(
                "simulate",
                saved.toString(),
                "--partitions",
                "3",
                "--strategy",
                "consistent-hash",
                "--option",
                "consistent-hash.vnodes=32",
                "--format",
                "json");

        // Then the saved trace is the generated one, and 32 vnodes spread it far more evenly
        assertThat(oneVnode.exitCode()).as(oneVnode.err()).isZero();
        assertThat(manyVnodes.exitCode()).as(manyVnodes.err()).isZero();
        JsonNode one = JSON.readTree(oneVnode.out());
        JsonNode many = JSON.readTree(manyVnodes.out());
        assertThat(many.at("/trace/events").asLong()).isEqualTo(20_000);
        assertThat(many.at("/trace/keys").asLong())
                .isEqualTo(one.at("/trace/keys").asLong());
        double cvOne = one.at("/strategies/0/events/coefficient_of_variation").asDouble();
        double cvMany = many.at("/strategies/0/events/coefficient_of_variation").asDouble();
        assertThat(cvMany).isLessThan(cvOne / 2);
        // and removing a node moves exactly its share
        assertThat(many.at("/strategies/0/changes/1/change").asText()).isEqualTo("remove-node");
        assertThat(many.at("/strategies/0/changes/1/events_moved").asLong())
                .isEqualTo(many.at("/strategies/0/partition_loads/2/events").asLong());
    }

    @Test
    void shouldGenerateTheSameReportTwice() {
        String[] args = {"simulate", "--generate", "5000", "--distribution", "zipf:1.1", "--partitions", "6"};

        CommandRun first = CommandRun.of(args);
        CommandRun second = CommandRun.of(args);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(second.out()).contains("time-bucket", "channel-bucket", "remove node p5");
    }

    @Test
    void shouldExplainMisuse() throws IOException {
        Path trace = Files.writeString(dir.resolve("trace.csv"), CSV);

        CommandRun noSource = CommandRun.of("simulate", "--partitions", "3");
        CommandRun both = CommandRun.of("simulate", trace.toString(), "--generate", "10", "--partitions", "3");
        CommandRun strayGenerator =
                CommandRun.of("simulate", trace.toString(), "--channels", "10", "--partitions", "3");
        CommandRun unselected = CommandRun.of(
                "simulate",
                trace.toString(),
                "--partitions",
                "3",
                "--strategy",
                "jump",
                "--option",
                "consistent-hash.vnodes=4");
        CommandRun badOption = CommandRun.of(
                "simulate",
                trace.toString(),
                "--partitions",
                "3",
                "--strategy",
                "time-bucket",
                "--option",
                "time-bucket.bucket.ms=0");
        CommandRun missingFile =
                CommandRun.of("simulate", dir.resolve("none.csv").toString(), "--partitions", "3");

        assertThat(noSource.err()).contains("give a trace file");
        assertThat(both.err()).contains("not both");
        assertThat(strayGenerator.err()).contains("--channels only applies with --generate");
        assertThat(unselected.err()).contains("strategy 'consistent-hash' is not among those simulated");
        assertThat(badOption.err()).contains("option 'bucket.ms'", "must be > 0");
        assertThat(missingFile.err()).contains("none.csv");
        for (CommandRun run : new CommandRun[] {noSource, both, strayGenerator, unselected, badOption, missingFile}) {
            assertThat(run.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void shouldOfferHelpAndVersion() {
        CommandRun help = CommandRun.of("simulate", "--help");
        CommandRun listed = CommandRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--help", "--version", "--partitions", "--format");
        assertThat(listed.out()).contains("simulate");
    }
}
