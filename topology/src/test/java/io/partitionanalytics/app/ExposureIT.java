package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.http.HttpApi;
import io.partitionanalytics.schemas.PartitionLoad;
import java.io.IOException;
import java.io.Writer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the application exposes: its HTTP port only on 127.0.0.1 unless configured otherwise; its Kafka credentials
 * only to Kafka. A real broker whose one client listener is SASL_PLAINTEXT (PLAIN): the pipeline (in its own JVM, as
 * users run it) and the {@code generate} command get there with the settings of a properties file, a wrong password
 * stops start-up with a clear message, and the password appears neither in any output nor in any {@code /api}
 * answer.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ExposureIT {

    private static final int PARTITIONS = 3;
    private static final String TOPIC = "message-events";
    private static final int EVENTS = 3_000;
    private static final String USER = "analytics";
    /** Random, so that finding it anywhere is a leak and nothing else. */
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private static final Path DIR = Path.of("target", "exposure-it").toAbsolutePath();
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        ScaleOutIT.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        broker = EmbeddedKafkaBroker.builder()
                .saslPlainUsers(Map.of(USER, PASSWORD))
                .build()
                .start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldPassSaslSettingsToEveryClientAndShowThePasswordNowhere() throws Exception {
        // Given: a topic, and events written by `generate` with the client settings of a file
        Properties client = clientProps(PASSWORD);
        TopicAdmin.ensureTopic(client, TOPIC, PARTITIONS, Map.of());
        Path clientFile = DIR.resolve("client.properties");
        try (Writer writer = Files.newBufferedWriter(clientFile)) {
            EmbeddedKafkaBroker.saslPlainClientProperties(USER, PASSWORD).store(writer, null);
        }
        Path generateLog = DIR.resolve("generate.log");
        int generated = PipelineProcess.runJar(
                generateLog,
                Duration.ofSeconds(90),
                "generate",
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--command-config",
                clientFile.toString(),
                "--topic",
                TOPIC,
                "--count",
                String.valueOf(EVENTS),
                "--rate",
                "1500");
        String generateOutput = Files.readString(generateLog, StandardCharsets.UTF_8);
        assertThat(generated).as("generate: %s", generateOutput).isZero();

        // When: the pipeline runs with the same settings in its properties file, default HTTP host
        Map<String, String> settings = pipelineSettings(PASSWORD, "exposure-it");
        try (PipelineProcess pipeline = new PipelineProcess("pipeline", DIR, FreePort.onLoopback(), settings).start()) {
            // Then: every event is counted under every strategy. That needs Streams' consumers, producer and admin;
            // and the last windows close only through the input monitor's admin client (their partitions went quiet
            // and it must see that nothing is left to read), so every client authenticated.
            Topics topics = Topics.from(new AnalyticsConfig(settings));
            Map<String, Long> totals = awaitTotals(pipeline, client, topics);
            assertThat(totals).hasSize(AnalyticsConfig.DEFAULT_STRATEGIES.size());
            assertThat(totals.values()).allSatisfy(total -> assertThat(total).isEqualTo(EVENTS));

            // And: the HTTP port is on 127.0.0.1 only
            assertThat(pipeline.log()).contains("HTTP on http://127.0.0.1:" + pipeline.httpPort() + " ");
            Optional<InetAddress> external = nonLoopbackAddress();
            assumeThat(external)
                    .as("this machine has a non-loopback IPv4 address")
                    .isPresent();
            assertThat(connects(external.get(), pipeline.httpPort()))
                    .as("HTTP port reachable on %s", external.get())
                    .isFalse();
            assertThat(connects(InetAddress.getLoopbackAddress(), pipeline.httpPort()))
                    .isTrue();

            // And: no answer of the API carries the password
            for (String path : List.of(
                    "/api/strategies",
                    "/api/load",
                    "/api/history?strategy=observed",
                    "/api/alerts",
                    "/api/recommendations",
                    "/health",
                    "/metrics",
                    "/")) {
                var response = pipeline.get(path);
                assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
                assertThat(new String(response.body(), StandardCharsets.UTF_8))
                        .as("GET %s", path)
                        .doesNotContain(PASSWORD);
            }
            assertThat(pipeline.terminate(Duration.ofSeconds(30))).isTrue();

            // And: neither does anything the pipeline or generate printed
            assertThat(pipeline.log()).contains("-> RUNNING").doesNotContain(PASSWORD);
            assertThat(generateOutput).doesNotContain(PASSWORD);
        }
    }

    @Test
    void shouldStopStartUpWithAClearMessageOnAWrongPassword() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        try (PipelineProcess pipeline = new PipelineProcess(
                        "wrong-password", DIR, FreePort.onLoopback(), pipelineSettings(wrong, "exposure-it-wrong"))
                .start()) {
            assertThat(pipeline.awaitExit(Duration.ofSeconds(90)))
                    .as("start-up failed and the process ended")
                    .isTrue();
            assertThat(pipeline.exitValue()).isNotZero();
            assertThat(pipeline.log())
                    .contains("rejected this application's credentials")
                    .contains("sasl.jaas.config")
                    .contains("Authentication failed")
                    .doesNotContain(wrong);
        }
    }

    @Test
    void shouldBindHttpToLoopbackByDefaultAndWiderOnlyWhenConfigured() throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeThat(external).as("this machine has a non-loopback IPv4 address").isPresent();
        Map<String, String> required = Map.of("bootstrap.servers", broker.bootstrapServers());
        AnalyticsConfig defaults = new AnalyticsConfig(required);
        AnalyticsConfig exposed = new AnalyticsConfig(with(required, AnalyticsConfig.HTTP_HOST_CONFIG, "0.0.0.0"));
        assertThat(defaults.httpHost()).isEqualTo("127.0.0.1");

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (HttpApi local = HttpApi.start(defaults.httpHost(), 0, List.of(), () -> null, () -> null, registry);
                HttpApi wide = HttpApi.start(exposed.httpHost(), 0, List.of(), () -> null, () -> null, registry)) {
            assertThat(connects(InetAddress.getLoopbackAddress(), local.port())).isTrue();
            assertThat(connects(external.get(), local.port())).isFalse();
            // The check can fail: with http.host=0.0.0.0 the port is reachable from outside.
            assertThat(connects(external.get(), wide.port())).isTrue();
        } finally {
            registry.close();
        }
        assertThatThrownBy(() -> new AnalyticsConfig(with(required, AnalyticsConfig.HTTP_HOST_CONFIG, "")))
                .hasMessageContaining(AnalyticsConfig.HTTP_HOST_CONFIG);
    }

    /** Events per strategy over all windows on partition-load, once every window's rows add up to all events. */
    private static Map<String, Long> awaitTotals(PipelineProcess pipeline, Properties client, Topics topics)
            throws InterruptedException {
        Map<String, Long> totals = Map.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            OutputTopicsReader.Loads loads = OutputTopicsReader.readAll(client, topics);
            assertThat(loads.duplicates()).isEmpty();
            totals = loads.rows().values().stream()
                    .flatMap(partitions -> partitions.values().stream())
                    .collect(Collectors.groupingBy(
                            PartitionLoad::getStrategy,
                            LinkedHashMap::new,
                            Collectors.summingLong(PartitionLoad::getEvents)));
            if (totals.size() == AnalyticsConfig.DEFAULT_STRATEGIES.size()
                    && totals.values().stream().allMatch(total -> total == EVENTS)) {
                return totals;
            }
            assertThat(pipeline.isAlive())
                    .as("pipeline running; its log:\n%s", pipeline.tail())
                    .isTrue();
            Thread.sleep(1_000);
        }
        return totals;
    }

    private static Map<String, String> pipelineSettings(String password, String applicationId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        EmbeddedKafkaBroker.saslPlainClientProperties(USER, password)
                .forEach((key, value) -> settings.put((String) key, (String) value));
        settings.put("application.id", applicationId);
        settings.put("state.dir", DIR.resolve("state-" + applicationId).toString());
        // The last windows close when their partitions have been quiet this long and have nothing left to read.
        settings.put(AnalyticsConfig.WATERMARK_IDLE_MS_CONFIG, "2000");
        return settings;
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(settings);
        copy.put(key, value);
        return copy;
    }

    private static Properties clientProps(String password) {
        Properties props = TopicAdmin.clientProps(broker.bootstrapServers());
        props.putAll(EmbeddedKafkaBroker.saslPlainClientProperties(USER, password));
        return props;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
