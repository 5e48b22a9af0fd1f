package io.partitionanalytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The commands as a user runs them, against real brokers. */
@Timeout(180)
class CommandsIT {

    private record Run(int exitCode, String out) {}

    private static Run run(Callable<Integer> command) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = command.call();
            return new Run(code, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void shouldGenerateExactlyTheRequestedCountOfEvents() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            Run run = run(() -> PartitionAnalyticsCommand.execute(
                    "generate",
                    "--bootstrap-server",
                    broker.bootstrapServers(),
                    "--topic",
                    "generated",
                    "--partitions",
                    "6",
                    "--count",
                    "5000",
                    "--rate",
                    "0",
                    "--distribution",
                    "zipf:1.1",
                    "--hot-channel",
                    "c-7:0.5"));

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Wrote 5,000 events to generated");
            assertThat(countRecords(broker.bootstrapServers(), "generated", 5000))
                    .isEqualTo(5000);
        }
    }

    @Test
    void shouldRunTheDemoForItsDurationPrintLoadTablesAndExitZero() throws Exception {
        Run run = run(() -> PartitionAnalyticsCommand.execute(
                "demo", "--duration", "25s", "--window", "2s", "--rate", "1000", "--http-port", "0"));

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Kafka broker ready at", "Web view and API: http://127.0.0.1:", "Demo finished");
        // At least a few closed windows, each with a row per default strategy and partition columns p0..p11.
        assertThat(run.out().split("\nwindow ").length - 1).isGreaterThanOrEqualTo(3);
        assertThat(run.out()).contains("observed", "murmur3-channel", "consistent-hash", "jump", "p11");
    }

    private static long countRecords(String bootstrap, String topic, long expected) {
        Properties props = TopicAdmin.clientProps(bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "commands-it");
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            // Read until the count is reached, then a little longer to see that nothing more arrives.
            long quietUntil = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, quietUntil)) {
                count += consumer.poll(Duration.ofMillis(200)).count();
                if (count >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.currentTimeMillis() + 2_000;
                }
            }
        }
        return count;
    }
}
