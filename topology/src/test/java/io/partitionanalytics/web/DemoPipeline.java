package io.partitionanalytics.web;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What {@code demo --scenario hot-channel} runs, as a test fixture: a real in-process broker, the pipeline with its
 * default strategies and windows, and the load generator in which channel {@value #HOT_CHANNEL} takes 40% of the
 * traffic after a few seconds.
 */
final class DemoPipeline implements AutoCloseable {

    static final String HOT_CHANNEL = "c-42";
    private static final int PARTITIONS = 12;

    private final EmbeddedKafkaBroker broker;
    private final AnalyticsApp app;
    private final AtomicBoolean stop;
    private final Thread generator;

    private DemoPipeline(EmbeddedKafkaBroker broker, AnalyticsApp app, AtomicBoolean stop, Thread generator) {
        this.broker = broker;
        this.app = app;
        this.stop = stop;
        this.generator = generator;
    }

    static DemoPipeline hotChannel(Path stateDir, double rate, Duration hotAfter) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();
        AnalyticsApp app = null;
        try {
            Properties props = new Properties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "web-view-it");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
            AnalyticsConfig config = new AnalyticsConfig(props);
            TopicAdmin.ensureTopic(
                    TopicAdmin.clientProps(broker.bootstrapServers()), config.inputTopic(), PARTITIONS, Map.of());
            app = AnalyticsApp.start(config);

            GeneratorOptions options = new GeneratorOptions(
                    config.inputTopic(), rate, 0, Duration.ofHours(1), 1000, "uniform", HOT_CHANNEL, 0.4, hotAfter, 42);
            LoadGenerator load = new LoadGenerator(options, TopicAdmin.clientProps(broker.bootstrapServers()));
            AtomicBoolean stop = new AtomicBoolean();
            Thread generator = new Thread(
                    () -> load.run((sent, acked, target, elapsedMs) -> {}, stop::get), "web-view-it-generator");
            generator.setDaemon(true);
            generator.start();
            return new DemoPipeline(broker, app, stop, generator);
        } catch (RuntimeException e) {
            if (app != null) {
                app.close();
            }
            broker.close();
            throw e;
        }
    }

    List<String> strategies() {
        return app.config().strategies();
    }

    String url() {
        return "http://127.0.0.1:" + app.httpPort() + "/";
    }

    /**
     * Waits until the pipeline runs and every endpoint the page polls answers: right after start-up they say 503 (the
     * page shows "starting…" then), which the browser would log as failed requests.
     */
    void awaitServing(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> paths = List.of("health", "api/strategies", "api/load", "api/alerts", "api/recommendations");
        Map<String, Integer> last = new java.util.TreeMap<>();
        while (System.nanoTime() < deadline) {
            for (String path : paths) {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url() + path)).build(),
                        HttpResponse.BodyHandlers.discarding());
                last.put(path, response.statusCode());
            }
            if (last.values().stream().allMatch(status -> status == 200)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the pipeline's HTTP API did not answer within " + timeout + ": " + last);
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        generator.join(10_000);
        try {
            app.close();
        } finally {
            broker.close();
        }
    }
}
