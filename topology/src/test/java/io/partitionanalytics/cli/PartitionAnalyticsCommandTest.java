package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PartitionAnalyticsCommandTest {

    private static String captureOut(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListEveryCommandInHelp() {
        String help = captureOut(
                () -> assertThat(PartitionAnalyticsCommand.execute("--help")).isZero());

        assertThat(help).contains("run", "demo", "generate", "broker");
    }

    @Test
    void shouldOfferHelpAndVersionOnEveryCommand() {
        for (String command : new String[] {"run", "demo", "generate", "broker"}) {
            String help = captureOut(() -> assertThat(PartitionAnalyticsCommand.execute(command, "--help"))
                    .isZero());
            assertThat(help).as(command).contains("--help", "--version");
        }
        String version = captureOut(
                () -> assertThat(PartitionAnalyticsCommand.execute("--version")).isZero());
        assertThat(version).contains("partition-analytics", "Kafka");
    }

    @Test
    void shouldStopRunWithAMessageNamingTheBadKey() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("bad", ".properties");
            java.nio.file.Files.writeString(file, "bootstrap.servers=localhost:1\nwindow.grace.ms=-5\n");
            code = PartitionAnalyticsCommand.execute("run", "--config", file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            System.setErr(original);
        }
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("window.grace.ms");
    }
}
