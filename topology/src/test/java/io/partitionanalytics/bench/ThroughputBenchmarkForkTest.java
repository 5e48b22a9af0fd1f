package io.partitionanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.bench.ThroughputBenchmark.Contender;
import io.partitionanalytics.bench.ThroughputBenchmark.Rate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a contender is measured in a JVM of its own: the options it gets, and how its rate comes back. */
class ThroughputBenchmarkForkTest {

    @Test
    void shouldGiveEachContenderItsOwnRecordingAndLogFileAndNoDebugger() {
        // Given this JVM's options
        List<String> options = List.of(
                "-Xmx2g",
                "-XX:StartFlightRecording=filename=bench.jfr,settings=profile",
                "-Xlog:gc*:file=gc.log:time",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas");

        // When
        List<String> forked = ThroughputBenchmark.forkOptions(options, Contender.PIPELINE, 1);

        // Then
        assertThat(forked)
                .containsExactly(
                        "-Xmx2g",
                        "-XX:StartFlightRecording=filename=bench-c.jfr,settings=profile",
                        "-Xlog:gc*:file=gc-c.log:time",
                        "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas");
    }

    @Test
    void shouldGiveEachRoundAfterTheFirstItsOwnRecordingAndLogFile() {
        List<String> options =
                List.of("-XX:StartFlightRecording=filename=bench.jfr,settings=profile", "-Xlog:gc*:file=gc.log:time");

        assertThat(ThroughputBenchmark.forkOptions(options, Contender.PIPELINE, 2))
                .containsExactly(
                        "-XX:StartFlightRecording=filename=bench-c-r2.jfr,settings=profile",
                        "-Xlog:gc*:file=gc-c-r2.log:time");
    }

    @Test
    void shouldTellAForkedContenderItsRoundAndSettings() {
        // Given
        ThroughputBenchmark benchmark = new ThroughputBenchmark(
                new ThroughputBenchmark.Options(
                        "127.0.0.1:9092",
                        1_000,
                        12,
                        100,
                        "exactly_once_v2",
                        Path.of("/tmp"),
                        Map.of("num.stream.threads", "2"),
                        true,
                        3),
                System.out);

        // When
        List<String> arguments = benchmark.forkArguments(Contender.NAIVE_STREAMS, "bench-events-1", 3);

        // Then
        assertThat(String.join(" ", arguments))
                .startsWith(
                        "bench --contender b --topic bench-events-1 --bootstrap-server 127.0.0.1:9092 --events 1000")
                .contains("--round 3", "--set=num.stream.threads=2");
    }

    @Test
    void shouldNameARecordingWithoutExtensionOrAtTheEnd() {
        assertThat(ThroughputBenchmark.forkOptions(
                        List.of("-XX:StartFlightRecording=settings=profile,filename=/tmp/run"),
                        Contender.NAIVE_STREAMS,
                        1))
                .containsExactly("-XX:StartFlightRecording=settings=profile,filename=/tmp/run-b.jfr");
    }

    @Test
    void shouldReadBackTheRateAForkedContenderPrints() {
        // Given
        Rate rate = new Rate(83_675.25, 121_270.5, 25_112);

        // When
        Rate read = ThroughputBenchmark.parseRateLine(ThroughputBenchmark.rateLine(rate));

        // Then: the figures, and nothing from other lines of its output
        assertThat(read).isEqualTo(rate);
        assertThat(ThroughputBenchmark.parseRateLine("12:00:01 INFO AnalyticsApp - Kafka Streams RUNNING"))
                .isNull();
    }

    @Test
    void shouldKnowEachContenderByItsLetter() {
        for (Contender contender : Contender.values()) {
            assertThat(Contender.ofLetter(contender.letter())).isEqualTo(contender);
        }
    }
}
