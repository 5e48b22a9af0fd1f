package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {

    @Test
    void shouldRefuseFewerThanOneRoundBeforeStartingAnything() {
        CommandRun run = CommandRun.of("bench", "--rounds", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rounds must be at least 1, not 0");
    }

    @Test
    void shouldRefuseRoundsOfABenchmarkThatHasNone() {
        CommandRun run = CommandRun.of("bench", "--core", "--rounds", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--rounds is for the throughput benchmark");
    }
}
