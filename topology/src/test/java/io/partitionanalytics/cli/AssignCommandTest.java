package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignCommandTest {

    private static int partitionOf(String strategy, int n, Map<String, String> options, String key, long timestamp) {
        PartitionStrategy s = Strategies.create(strategy, n, options);
        return s.partition(key.getBytes(StandardCharsets.UTF_8), timestamp, Double.NaN, Double.NaN);
    }

    @Test
    void shouldPrintThePartitionOfEachKeyArgument() {
        // When
        CommandRun run = CommandRun.of("assign", "--strategy", "jump", "--partitions", "12", "c-1", "c-42", "Zürich");

        // Then one key<TAB>partition line per key, in order
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        "c-1\t" + partitionOf("jump", 12, Map.of(), "c-1", 0),
                        "c-42\t" + partitionOf("jump", 12, Map.of(), "c-42", 0),
                        "Zürich\t" + partitionOf("jump", 12, Map.of(), "Zürich", 0));
    }

    @Test
    void shouldReadKeysFromStandardInputAsJsonLines() throws Exception {
        // Given keys on stdin, with a blank line and a Windows line end
        String stdin = "c-1\r\n\nc-2\n";

        // When
        CommandRun run = CommandRun.withInput(
                stdin,
                "assign",
                "--strategy",
                "consistent-hash",
                "--partitions",
                "5",
                "--option",
                "consistent-hash.vnodes=8",
                "--format",
                "json");

        // Then
        assertThat(run.exitCode()).isZero();
        ObjectMapper json = new ObjectMapper();
        var lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertThat(first.get("key").asText()).isEqualTo("c-1");
        assertThat(first.get("partition").asInt())
                .isEqualTo(partitionOf("consistent-hash", 5, Map.of("vnodes", "8"), "c-1", 0));
        assertThat(second.get("partition").asInt())
                .isEqualTo(partitionOf("consistent-hash", 5, Map.of("vnodes", "8"), "c-2", 0));
    }

    @Test
    void shouldUseTheGivenTimestampForTimeStrategies() {
        // 2025-01-01T00:03:00Z is bucket 28,928,163 of one minute: partition 28928163 mod 10 = 3
        CommandRun iso = CommandRun.of(
                "assign",
                "--strategy",
                "time-bucket",
                "--partitions",
                "10",
                "--timestamp",
                "2025-01-01T00:03:00Z",
                "k");
        CommandRun millis = CommandRun.of(
                "assign", "--strategy", "time-bucket", "--partitions", "10", "--timestamp", "1735689780000", "k");

        assertThat(iso.out()).isEqualTo("k\t3" + System.lineSeparator());
        assertThat(millis.out()).isEqualTo(iso.out());
    }

    @Test
    void shouldHashHexKeysAsTheirBytes() {
        // "c-1" is 63 2d 31
        CommandRun run = CommandRun.of("assign", "--strategy", "kafka-default", "--partitions", "7", "--hex", "632d31");

        assertThat(run.out())
                .isEqualTo("632d31\t" + partitionOf("kafka-default", 7, Map.of(), "c-1", 0) + System.lineSeparator());
    }

    @Test
    void shouldExplainAnUnknownStrategy() {
        CommandRun run = CommandRun.of("assign", "--strategy", "modulo", "--partitions", "3", "k");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: strategy 'modulo'", "unknown strategy", "consistent-hash");
    }

    @Test
    void shouldNameTheBadOption() {
        CommandRun bad = CommandRun.of(
                "assign", "--strategy", "consistent-hash", "--partitions", "3", "--option", "vnodes=-1", "k");
        CommandRun unknown = CommandRun.of(
                "assign", "--strategy", "consistent-hash", "--partitions", "3", "--option", "vnode=1", "k");

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("option 'vnodes'", "must be > 0");
        assertThat(unknown.err()).contains("option 'vnode'", "unknown option", "vnodes");
    }

    @Test
    void shouldRequirePartitions() {
        CommandRun run = CommandRun.of("assign", "--strategy", "jump", "k");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Missing required option", "--partitions");
    }

    @Test
    void shouldRejectHalfALocationAndAnUnreadableTimestamp() {
        CommandRun half = CommandRun.of("assign", "--strategy", "geo", "--partitions", "3", "--lat", "50", "k");
        CommandRun time =
                CommandRun.of("assign", "--strategy", "time-bucket", "--partitions", "3", "--timestamp", "soon", "k");

        assertThat(half.exitCode()).isEqualTo(1);
        assertThat(half.err()).contains("--lat and --lng");
        assertThat(time.err()).contains("'soon'");
    }

    @Test
    void shouldOfferHelpAndVersion() {
        CommandRun help = CommandRun.of("assign", "--help");
        CommandRun listed = CommandRun.of("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--help", "--version", "--partitions", "--format");
        assertThat(listed.out()).contains("assign");
    }
}
