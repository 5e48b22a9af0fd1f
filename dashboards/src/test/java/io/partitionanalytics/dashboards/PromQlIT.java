package io.partitionanalytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every PromQL expression of every Prometheus panel, template variable and alert rule, run by a real Prometheus
 * (Debian's) that scrapes a real pipeline (in-process KRaft broker, {@link AnalyticsApp} with its default strategies,
 * the load generator with channel c-42 taking 40% of the traffic, and a trickle of undecodable records): every panel
 * query returns data; every rule's selectors return data; the hot-partition and dead-letter rules fire and reach a real
 * Alertmanager, and the pipeline-down rules do not fire.
 */
@Timeout(600)
class PromQlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String STRATEGY = "observed";
    /** Grafana's variables, as Grafana would fill them for a 30-minute dashboard over 1 s scrapes. */
    private static final Map<String, String> VARIABLES = Map.of(
            "strategy", STRATEGY, "__rate_interval", "15s", "__interval", "5s", "__range", "2m", "__range_s", "120");
    /** Should fire on this traffic: 40% of events on one channel (about 5x the mean), and dead letters throughout. */
    private static final Set<String> MUST_FIRE = Set.of("PartitionHot", "PartitionAnalyticsDeadLetters");
    /** A healthy running pipeline: these must not fire. */
    private static final Set<String> MUST_NOT_FIRE =
            Set.of("PartitionAnalyticsDown", "PartitionAnalyticsNotRunning", "PartitionAnalyticsStalled");
    /** Micrometer's Kafka binder adds new Kafka metrics (tasks, lag, ours) once a minute: wait longer than that. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerEveryDashboardAndRuleQueryFromARealPrometheusScrapingThePipeline(@TempDir Path temp)
            throws Exception {
        // Given: the pipeline under hot-channel load with some dead letters, Alertmanager and Prometheus scraping it
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start()) {
            Properties props = new Properties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "promql-it");
            props.put(StreamsConfig.STATE_DIR_CONFIG, temp.resolve("state").toString());
            props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
            AnalyticsConfig config = new AnalyticsConfig(props);
            Properties client = TopicAdmin.clientProps(broker.bootstrapServers());
            TopicAdmin.ensureTopic(client, config.inputTopic(), 12, Map.of());
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> load = new ArrayList<>();
            try (AnalyticsApp app = AnalyticsApp.start(config)) {
                load.add(generator(config, client, stop));
                load.add(deadLetterSource(config, broker.bootstrapServers(), stop));
                load.forEach(Thread::start);
                try (ServerProcess alertmanager = alertmanager(temp);
                        ServerProcess prometheus = prometheus(temp, app.httpPort(), alertmanager.port)) {
                    // When: Prometheus has scraped long enough for every query to have data (or the deadline passes)
                    Map<String, String> queries = queries();
                    Map<String, String> empty = awaitAllAnswered(prometheus, alertmanager, queries);

                    // Then
                    assertThat(empty)
                            .as("of %d queries, these returned no data (query -> where it is used)", queries.size())
                            .isEmpty();
                    Map<String, Set<String>> alerts = alertStates(prometheus);
                    for (String alert : MUST_FIRE) {
                        assertThat(alerts.get(alert)).as("state of " + alert).contains("firing");
                    }
                    for (String alert : MUST_NOT_FIRE) {
                        assertThat(alerts.getOrDefault(alert, Set.of()))
                                .as("state of " + alert)
                                .doesNotContain("firing");
                    }
                    assertThat(alertmanagerAlerts(alertmanager))
                            .as("alerts received by Alertmanager")
                            .contains("PartitionHot/critical/" + STRATEGY, "PartitionHot/warning/" + STRATEGY);
                }
            } finally {
                stop.set(true);
                for (Thread thread : load) {
                    thread.join(10_000);
                }
            }
        }
    }

    /** Query text (after substitution) -> where it comes from, for every query that must return data. */
    private static Map<String, String> queries() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path file : DashboardSchemaIT.dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            String name = file.getFileName().toString();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (isPrometheus(variable.path("datasource"))) {
                    String query = variable.path("query").isObject()
                            ? variable.path("query").path("query").asText()
                            : variable.path("query").asText();
                    // label_values(selector, label): the selector must have series carrying the label.
                    String inner =
                            query.replaceFirst("^label_values\\((.*),\\s*([a-zA-Z_]+)\\)$", "count by ($2) ($1)");
                    queries.put(PromQl.substitute(inner, VARIABLES), name + " variable " + variable.path("name"));
                }
            }
            List<JsonNode> panels = new ArrayList<>();
            dashboard.path("panels").forEach(panel -> {
                panels.add(panel);
                panel.path("panels").forEach(panels::add);
            });
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets")) {
                    JsonNode datasource =
                            target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                    if (isPrometheus(datasource) && !target.path("hide").asBoolean()) {
                        queries.put(
                                PromQl.substitute(target.path("expr").asText(), VARIABLES),
                                name + " panel \"" + panel.path("title").asText() + "\" " + target.path("refId"));
                    }
                }
            }
        }
        for (Path file : PromToolIT.ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String alert = rule.path("alert").asText();
                    String expr = rule.path("expr").asText();
                    if (MUST_FIRE.contains(alert)) {
                        queries.put(expr.strip(), "rule " + alert);
                    }
                    for (String selector : PromQl.selectors(expr)) {
                        queries.putIfAbsent(selector, "rule " + alert + " selector");
                    }
                }
            }
        }
        return queries;
    }

    private static boolean isPrometheus(JsonNode datasource) {
        return datasource.path("uid").asText().equals("prometheus")
                || datasource.path("type").asText().equals("prometheus");
    }

    /** Polls until every query has data and the alerts that must fire reached Alertmanager; returns what is empty. */
    private Map<String, String> awaitAllAnswered(
            ServerProcess prometheus, ServerProcess alertmanager, Map<String, String> queries) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Map<String, String> empty = new LinkedHashMap<>(queries);
        while (System.nanoTime() < deadline) {
            empty.keySet().removeIf(query -> {
                try {
                    return hasData(prometheus, query);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // Every alert that must fire, not only the hot-partition one: the dead-letter counter is a task-level
            // Streams metric that reaches /metrics only at the Kafka binder's next refresh, up to a minute in, while
            // PartitionHot (5 s `for` here) can fire sooner.
            Map<String, Set<String>> states = alertStates(prometheus);
            if (empty.isEmpty()
                    && MUST_FIRE.stream().allMatch(alert -> states.getOrDefault(alert, Set.of())
                            .contains("firing"))
                    && alertmanagerAlerts(alertmanager)
                            .containsAll(
                                    Set.of("PartitionHot/critical/" + STRATEGY, "PartitionHot/warning/" + STRATEGY))) {
                return empty;
            }
            Thread.sleep(3_000);
        }
        return empty;
    }

    private boolean hasData(ServerProcess prometheus, String query) throws Exception {
        JsonNode response =
                get(prometheus.url() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.path("status").asText())
                .as("Prometheus on " + query + ": " + response)
                .isEqualTo("success");
        return !response.path("data").path("result").isEmpty();
    }

    private Map<String, Set<String>> alertStates(ServerProcess prometheus) throws Exception {
        Map<String, Set<String>> states = new LinkedHashMap<>();
        for (JsonNode alert :
                get(prometheus.url() + "/api/v1/alerts").path("data").path("alerts")) {
            states.computeIfAbsent(alert.path("labels").path("alertname").asText(), a -> new TreeSet<>())
                    .add(alert.path("state").asText());
        }
        return states;
    }

    /** alertname/severity/strategy of every alert Alertmanager holds. */
    private Set<String> alertmanagerAlerts(ServerProcess alertmanager) throws Exception {
        Set<String> alerts = new LinkedHashSet<>();
        for (JsonNode alert : get(alertmanager.url() + "/api/v2/alerts")) {
            JsonNode labels = alert.path("labels");
            alerts.add(labels.path("alertname").asText() + "/"
                    + labels.path("severity").asText() + "/"
                    + labels.path("strategy").asText());
        }
        return alerts;
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private static ServerProcess alertmanager(Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("alertmanager"));
        return ServerProcess.start(
                List.of(
                        Tools.require("prometheus-alertmanager", "prometheus-alertmanager")
                                .toString(),
                        "--config.file=" + Tools.module().resolve("alertmanager/alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"),
                        "--cluster.listen-address="), // no gossip port: a single Alertmanager
                "--web.listen-address",
                "/-/ready",
                dir);
    }

    /**
     * Prometheus with the repository's rules, scraping the pipeline every second. The rules are copied with every
     * {@code for:} shortened to 5 s: their expressions are what this test checks (promtool's unit tests check the
     * durations), and a 3-minute hold would only make the test slower.
     */
    private static ServerProcess prometheus(Path temp, int pipelinePort, int alertmanagerPort) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("prometheus"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Path file : PromToolIT.ruleFiles()) {
            Files.writeString(
                    rules.resolve(file.getFileName()),
                    Files.readString(file).replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 5s"));
        }
        Files.writeString(
                dir.resolve("prometheus.yml"),
                """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s/*.yml
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ["127.0.0.1:%d"]
                scrape_configs:
                  - job_name: partition-analytics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """
                        .formatted(rules, alertmanagerPort, pipelinePort));
        return ServerProcess.start(
                List.of(
                        Tools.require("prometheus", "prometheus").toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data")),
                "--web.listen-address",
                "/-/ready",
                dir);
    }

    private static Thread generator(AnalyticsConfig config, Properties client, AtomicBoolean stop) {
        GeneratorOptions options = new GeneratorOptions(
                config.inputTopic(),
                2_000,
                0,
                Duration.ofHours(1),
                1000,
                "uniform",
                "c-42",
                0.4,
                Duration.ofSeconds(5),
                42);
        LoadGenerator generator = new LoadGenerator(options, client);
        Thread thread =
                new Thread(() -> generator.run((sent, acked, target, elapsedMs) -> {}, stop::get), "promql-it-load");
        thread.setDaemon(true);
        return thread;
    }

    /** A few undecodable values every second, for the dead-letter panels and rule. */
    private static Thread deadLetterSource(AnalyticsConfig config, String bootstrap, AtomicBoolean stop) {
        Thread thread = new Thread(
                () -> {
                    Properties props = new Properties();
                    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    try (KafkaProducer<byte[], byte[]> producer =
                            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                        while (!stop.get()) {
                            for (int i = 0; i < 3; i++) {
                                producer.send(new ProducerRecord<>(
                                        config.inputTopic(),
                                        ("c-" + i).getBytes(StandardCharsets.UTF_8),
                                        "not an event".getBytes(StandardCharsets.UTF_8)));
                            }
                            Thread.sleep(1_000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "promql-it-dead-letters");
        thread.setDaemon(true);
        return thread;
    }
}
