package io.partitionanalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.bench.ThroughputBenchmark.Contender;
import io.partitionanalytics.bench.ThroughputBenchmark.Result;
import io.partitionanalytics.bench.ThroughputBenchmark.Round;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The throughput benchmark on a real broker, in rounds: every contender reads the whole input in every round, and the
 * run leaves nothing on the cluster — no topic of its own, and nothing written to the topics a real deployment uses.
 */
class ThroughputBenchmarkIT {

    @Test
    void shouldMeasureEveryContenderInEveryRoundAndLeaveNoTopicBehind(@TempDir Path stateDir) throws Exception {
        // Topics are not created on first use, as on a locked-down cluster: the run creates each topic it writes.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .config("auto.create.topics.enable", "false")
                .build()
                .start()) {
            // Given topics that are not this run's, one of them named like another run's
            TopicAdmin.ensureTopic(TopicAdmin.clientProps(broker.bootstrapServers()), "someone-elses", 1, Map.of());
            TopicAdmin.ensureTopic(
                    TopicAdmin.clientProps(broker.bootstrapServers()), "bench-events-0-00000000-load", 1, Map.of());
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            ThroughputBenchmark benchmark = new ThroughputBenchmark(
                    new ThroughputBenchmark.Options(
                            broker.bootstrapServers(), 3_000, 3, 100, "exactly_once_v2", stateDir, Map.of(), false, 2),
                    new PrintStream(report, true, StandardCharsets.UTF_8));

            // When
            Result result = benchmark.run();

            // Then every contender read everything in both rounds (it would have waited 15 minutes otherwise)
            assertThat(result.rounds()).hasSize(2);
            for (Round round : result.rounds()) {
                for (Contender contender : Contender.values()) {
                    assertThat(round.rate(contender).wholeRun())
                            .as(contender.title())
                            .isPositive();
                }
            }
            assertThat(report.toString(StandardCharsets.UTF_8)).contains("Medians of 2 rounds");
            // ... and the cluster holds only what it held before, plus the broker's own topics
            try (Admin admin = Admin.create(TopicAdmin.clientProps(broker.bootstrapServers()))) {
                Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertThat(topics).contains("someone-elses", "bench-events-0-00000000-load");
                assertThat(topics).noneMatch(name -> name.contains(result.topic()));
                assertThat(topics)
                        .doesNotContain(
                                "partition-load",
                                "partition-hotspots",
                                "rebalance-recommendations",
                                "partition-analytics-dlq",
                                "bench-naive-out");
            }
        }
    }

    @Test
    void shouldDeleteItsTopicsWhenAContenderFailsToStart(@TempDir Path stateDir) throws Exception {
        // A setting that stops the pipeline (c) at start-up, after the input is written and (a) and (b) may have run
        assertFailsAndLeavesNoTopicBehind(
                stateDir, Map.of("window.size.ms", "-5"), ConfigException.class, "window.size.ms");
    }

    @Test
    void shouldEndTheRunWhenAContendersKafkaStreamsStopsMidRun(@TempDir Path stateDir) throws Exception {
        // Partials larger than the producer may send: the pipeline's stream thread fails at its first flush, is
        // replaced until the application gives up, and the run ends then, not after waiting for its input. (Each new
        // thread waits for the group to drop the one it replaces: the shortest session timeout the broker allows.)
        assertFailsAndLeavesNoTopicBehind(
                stateDir,
                Map.of("producer.max.request.size", "100", "main.consumer.session.timeout.ms", "6000"),
                IllegalStateException.class,
                "before reading all of its input");
    }

    private static void assertFailsAndLeavesNoTopicBehind(
            Path stateDir, Map<String, String> pipelineSettings, Class<? extends Throwable> failure, String message)
            throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                        .config("auto.create.topics.enable", "false")
                        .build()
                        .start();
                Admin admin = Admin.create(TopicAdmin.clientProps(broker.bootstrapServers()))) {
            Set<String> before = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            ThroughputBenchmark benchmark = new ThroughputBenchmark(
                    new ThroughputBenchmark.Options(
                            broker.bootstrapServers(),
                            1_000,
                            3,
                            100,
                            "exactly_once_v2",
                            stateDir,
                            pipelineSettings,
                            false,
                            1),
                    new PrintStream(report, true, StandardCharsets.UTF_8));

            // When / Then: the failure is the run's outcome
            assertThatThrownBy(benchmark::run).isInstanceOf(failure).hasMessageContaining(message);
            // ... and the topics it had created are gone again
            assertThat(report.toString(StandardCharsets.UTF_8)).containsPattern("Deleted the \\d+ topics of this run");
            // (a deletion reaches the broker's metadata cache a moment after the controller has accepted it)
            Set<String> after = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!after.equals(before) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                after = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            }
            assertThat(after).isEqualTo(before);
        }
    }
}
