package io.partitionanalytics.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.partitionanalytics.serde.registry.FakeSchemaRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole path into PostgreSQL, with real servers: a KRaft broker, the pipeline and the load generator (each in its
 * own JVM, from the shaded {@code partition-analytics.jar}), a schema registry (so the pipeline writes
 * Confluent-framed Avro), a Kafka Connect worker with Debezium's JDBC sink and our converter loaded from
 * {@code plugin.path}, and PostgreSQL initialised with {@code connectors/sql/schema.sql}. The connectors are
 * registered by {@code connectors/register.sh} from {@code connectors/*.json}; the dashboards' SQL runs on the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SinkIT {

    private static final String INPUT = "message-events";
    private static final int INPUT_PARTITIONS = 6;
    private static final List<String> STRATEGIES = List.of(
            "observed", "kafka-default", "murmur3-channel", "time-bucket", "channel-bucket", "consistent-hash", "jump");
    private static final long EVENTS = 30_000;
    private static final String HOT_CHANNEL = "c-42";
    private static final List<String> CONNECTORS = List.of(
            "partition-hotspots", "partition-load-history", "partition-load-latest", "rebalance-recommendations");
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final Path repo =
            Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
    private final Path pipelineJar =
            Path.of(System.getProperty("pipeline.jar", "../topology/target/partition-analytics.jar"));
    private final Path plugins = Path.of(System.getProperty("connect.plugins.dir", "target/connect-plugins"));
    private final HttpClient http = HttpClient.newHttpClient();

    private Path work;
    private PostgresServer postgres;
    private KafkaClusterTestKit kafka;
    private FakeSchemaRegistry registry;
    private ConnectWorker connect;
    private Process pipeline;
    private String firstRegistration;
    private int pipelineHttpPort;
    private long late;

    @BeforeAll
    void startEverythingAndRunThePipeline() throws Exception {
        assertThat(pipelineJar)
                .as("build it first: ./mvnw -pl topology -am package -DskipTests")
                .exists();
        assertThat(plugins.resolve("debezium-connector-jdbc")).isDirectory();
        assertThat(plugins.resolve("partition-analytics-connect")).isDirectory();
        // Readable by others: PostgreSQL runs as the postgres user when this runs as root.
        work = Files.createTempDirectory(
                Path.of("target").toAbsolutePath(),
                "sink-it-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        postgres = PostgresServer.start(work);
        postgres.runFile(repo.resolve("connectors/sql/schema.sql"));

        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                // One broker: internal topics with one replica (the pipeline's transactions need them too).
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "4")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        registry = FakeSchemaRegistry.start();
        connect = ConnectWorker.start(
                repo.resolve("connectors/docker/connect-distributed.properties"), kafka.bootstrapServers(), plugins);

        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(INPUT, INPUT_PARTITIONS, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
        pipeline = startPipeline();
        await("the pipeline to create its output topics", () -> {
            assertThat(pipeline.isAlive())
                    .as("pipeline running; see " + work.resolve("pipeline.log"))
                    .isTrue();
            try (Admin admin = admin()) {
                return admin.listTopics()
                        .names()
                        .get(30, TimeUnit.SECONDS)
                        .containsAll(Set.of("partition-load", "partition-hotspots", "rebalance-recommendations"));
            }
        });

        firstRegistration = registerConnectors();
        await("every connector and task to run", () -> CONNECTORS.stream().allMatch(this::running));

        runJava(
                "generate.log",
                List.of(
                        "generate",
                        "-b",
                        kafka.bootstrapServers(),
                        "--topic",
                        INPUT,
                        "--rate",
                        "2000",
                        "--count",
                        String.valueOf(EVENTS),
                        "--channels",
                        "200",
                        "--hot-channel",
                        HOT_CHANNEL + ":0.5",
                        "--seed",
                        "7"));

        // Every generated event is in a row of every strategy, except those the pipeline counted as late (older
        // than their window + grace when they arrived: not added to any load, by design).
        await("every generated event in a partition_load row of every strategy, or counted late", () -> {
            Map<String, Long> events = longsBy("SELECT strategy, sum(events) FROM partition_load GROUP BY strategy");
            late = pipelineMetric("late_events_total");
            return events.keySet().containsAll(STRATEGIES)
                    && events.values().stream().allMatch(e -> e + late == EVENTS);
        });
        await(
                "an alert and a recommendation",
                () -> count("SELECT count(*) FROM hotspot_alerts") > 0
                        && count("SELECT count(*) FROM rebalance_recommendations") > 0);
        // The last windows' rows of the latest table, written by the other connector of the same topic.
        await(
                "partition_load_latest to hold the last window of every strategy",
                () -> count(
                                """
                SELECT count(*) FROM partition_load_latest l
                WHERE l.window_start_ms = (SELECT max(h.window_start_ms) FROM partition_load h
                                           WHERE h.strategy = l.strategy)""")
                        == (long) STRATEGIES.size() * INPUT_PARTITIONS);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (pipeline != null) {
            pipeline.destroy();
            if (!pipeline.waitFor(60, TimeUnit.SECONDS)) {
                pipeline.destroyForcibly();
            }
        }
        if (connect != null) {
            connect.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldWriteEveryLoadRecordAsOneRowWithEveryEventInItsWindow() throws Exception {
        // Every strategy: N rows per window, N = the input's partition count.
        for (String strategy : STRATEGIES) {
            long windows = count(
                    "SELECT count(DISTINCT window_start_ms) FROM partition_load WHERE strategy = '" + strategy + "'");
            assertThat(windows).isGreaterThanOrEqualTo(5);
            assertThat(count("SELECT count(*) FROM partition_load WHERE strategy = '" + strategy + "'"))
                    .as(strategy)
                    .isEqualTo(windows * INPUT_PARTITIONS);
            assertThat(count("SELECT count(*) FROM partition_load WHERE strategy = '" + strategy
                            + "' AND num_partitions <> " + INPUT_PARTITIONS))
                    .isZero();
        }
        assertThat(late).as("events the pipeline counted late").isBetween(0L, EVENTS / 100);
        assertThat(pipelineMetric("late_partials_total")).isZero();
        // Each window holds the same events under every strategy.
        assertThat(count(
                        """
                SELECT count(*) FROM (SELECT window_start_ms FROM
                    (SELECT window_start_ms, strategy, sum(events) AS total FROM partition_load
                     GROUP BY window_start_ms, strategy) t
                  GROUP BY window_start_ms HAVING count(DISTINCT total) > 1
                     OR count(*) <> %d) differing"""
                                .formatted(STRATEGIES.size())))
                .isZero();
        // Exactly one row per record of the topic: nothing lost, nothing doubled.
        assertThat(count("SELECT count(*) FROM partition_load")).isEqualTo(recordsOf("partition-load"));
        // Nested top keys arrived as jsonb arrays; the hot channel tops its observed partition.
        int hotPartition =
                Utils.toPositive(Utils.murmur2(HOT_CHANNEL.getBytes(StandardCharsets.UTF_8))) % INPUT_PARTITIONS;
        assertThat(count("SELECT count(*) FROM partition_load WHERE jsonb_typeof(top_keys) <> 'array'"))
                .isZero();
        assertThat(strings("SELECT DISTINCT top_keys -> 0 ->> 'key' FROM partition_load WHERE strategy = 'observed' "
                        + "AND partition = " + hotPartition + " AND events > 1000"))
                .containsExactly(HOT_CHANNEL);
        assertThat(count("SELECT count(*) FROM hot_keys WHERE key = '" + HOT_CHANNEL + "' AND strategy = 'observed'"
                        + " AND partition = " + hotPartition + " AND share_of_partition > 0.5"))
                .isGreaterThanOrEqualTo(5);
        // The latest table: one row per record key, at the strategy's last window.
        assertThat(count("SELECT count(*) FROM partition_load_latest"))
                .isEqualTo((long) STRATEGIES.size() * INPUT_PARTITIONS);
        assertThat(count("SELECT count(*) FROM partition_load_latest WHERE load_key <> strategy || '/' || partition"))
                .isZero();
    }

    @Test
    void shouldRecordTheHotChannelsAlertAndTheRecommendationItTriggered() throws Exception {
        int hotPartition =
                Utils.toPositive(Utils.murmur2(HOT_CHANNEL.getBytes(StandardCharsets.UTF_8))) % INPUT_PARTITIONS;

        List<String> opened = strings(
                "SELECT alert_id FROM hotspot_alerts WHERE state = 'OPEN' AND strategy = 'observed' AND partition = "
                        + hotPartition + " AND ratio >= threshold AND consecutive_windows >= 3"
                        + " AND top_keys -> 0 ->> 'key' = '" + HOT_CHANNEL + "'");
        assertThat(opened).hasSize(1);
        String alertId = opened.get(0);
        assertThat(count("SELECT count(*) FROM alert_timeline WHERE alert_id = '" + alertId + "' AND top_key = '"
                        + HOT_CHANNEL + "' AND top_key_share > 0.5 AND level > 0"))
                .isGreaterThanOrEqualTo(1);

        // The hot key is most of its partition: splitting partitions cannot help; salt or isolate it.
        assertThat(strings("SELECT kind FROM recommendations WHERE strategy = 'observed' AND trigger_alert_id = '"
                        + alertId + "'"))
                .isNotEmpty()
                .allMatch(kind -> kind.equals("SALT_KEY") || kind.equals("ISOLATE_KEY"));
        assertThat(count("SELECT count(*) FROM recommendations WHERE trigger_alert_id = '" + alertId + "'"
                        + " AND actions LIKE '%" + HOT_CHANNEL + "%' AND after_max_to_mean < before_max_to_mean"
                        + " AND predicted_effect LIKE 'max/mean % -> %'"
                        + " AND moved_event_fraction BETWEEN 0 AND 1 AND moved_key_fraction BETWEEN 0 AND 1"))
                .isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM hotspot_alerts")).isEqualTo(recordsOf("partition-hotspots"));
        assertThat(count("SELECT count(*) FROM rebalance_recommendations"))
                .isEqualTo(recordsOf("rebalance-recommendations"));
    }

    @Test
    void shouldDeadLetterNothing() throws Exception {
        try (Admin admin = admin()) {
            if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("partition-analytics-connect-dlq")) {
                assertThat(recordsOf("partition-analytics-connect-dlq")).isZero();
            }
        }
    }

    @Test
    void shouldRegisterIdempotently() throws Exception {
        assertThat(firstRegistration)
                .contains(CONNECTORS.stream().map(c -> "created " + c).toList());

        String again = registerConnectors();

        assertThat(again).contains(CONNECTORS.stream().map(c -> "updated " + c).toList());
        HttpResponse<String> list = get("/connectors");
        assertThat(list.body())
                .contains(CONNECTORS.stream().map(c -> "\"" + c + "\"").toList());
        await("every connector to run again", () -> CONNECTORS.stream().allMatch(this::running));
    }

    @Test
    void shouldRefuseABadConfigSayingWhichField() throws Exception {
        Path bad = work.resolve("bad-sink.json");
        Files.writeString(
                bad,
                Files.readString(repo.resolve("connectors/partition-hotspots.json"))
                        .replace("\"partition-hotspots\",", "\"bad-sink\",")
                        .replace(
                                "io.partitionanalytics.connect.AvroConverter",
                                "io.partitionanalytics.connect.AvroConvertor"));

        Result result = runRegister(List.of(bad.toString()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("bad-sink: the worker refuses this config", "value.converter", "AvroConvertor");
        assertThat(get("/connectors").body()).doesNotContain("bad-sink");
    }

    @Test
    void shouldAnswerEveryPostgresPanelQueryOfEveryDashboardWithRows() throws Exception {
        Instant from;
        try (Connection db = postgres.connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT min(window_start_ms) FROM partition_load")) {
            rs.next();
            from = Instant.ofEpochMilli(rs.getLong(1)).minusSeconds(60);
        }
        Instant to = Instant.now().plusSeconds(60);
        List<GrafanaSql.Query> checked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Path dashboard : GrafanaSql.dashboards(repo.resolve("dashboards/grafana/dashboards"))) {
            Map<String, String> values = new LinkedHashMap<>();
            for (GrafanaSql.Variable variable : GrafanaSql.variables(dashboard)) {
                if (variable.query() != null) {
                    String sql = GrafanaSql.substitute(variable.query().rawSql(), from, to, values);
                    List<String> options = strings(sql);
                    if (options.isEmpty()) {
                        failures.add(variable.query().where() + ": no values from " + sql);
                        continue;
                    }
                    values.put(variable.name(), options.contains("observed") ? "observed" : options.get(0));
                } else if (variable.fallback() != null) {
                    values.put(variable.name(), variable.fallback());
                }
            }
            for (GrafanaSql.Query query : GrafanaSql.panelQueries(dashboard)) {
                String sql = GrafanaSql.substitute(query.rawSql(), from, to, values);
                checked.add(query);
                try (Connection db = postgres.connect();
                        Statement st = db.createStatement();
                        ResultSet rs = st.executeQuery(sql)) {
                    if (!rs.next()) {
                        failures.add(query.where() + ": no rows from\n" + sql);
                    }
                } catch (SQLException e) {
                    failures.add(query.where() + ": " + e.getMessage() + "\n" + sql);
                }
            }
        }
        assertThat(checked)
                .as("PostgreSQL panels of hotspots-and-advice.json")
                .filteredOn(q -> q.dashboard().equals("hotspots-and-advice.json"))
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(failures).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private Process startPipeline() throws IOException {
        Path config = work.resolve("pipeline.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "bootstrap.servers=" + kafka.bootstrapServers(),
                        "schema.registry.url=" + registry.url(),
                        "window.size.ms=2000",
                        "window.grace.ms=2000",
                        "watermark.idle.ms=2000",
                        "output.topic.replication.factor=1",
                        "state.dir=" + work.resolve("pipeline-state"),
                        ""));
        pipelineHttpPort = freePort();
        return java(
                "pipeline.log",
                List.of("run", "-c", config.toString(), "--http-port", String.valueOf(pipelineHttpPort)));
    }

    /**
     * The sum over all series of a counter on the pipeline's /metrics (Prometheus text format); -1 while it is not
     * there yet (the Kafka Streams binder picks up task-level metrics on its periodic refresh).
     */
    private long pipelineMetric(String name) throws IOException, InterruptedException {
        HttpResponse<String> metrics = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pipelineHttpPort + "/metrics"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        double total = 0;
        boolean found = false;
        for (String line : metrics.body().split("\\n")) {
            String metric = line.split("[{ ]", 2)[0];
            if (!line.startsWith("#") && metric.contains(name)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? (long) total : -1;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Process java(String log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-Djava.io.tmpdir=" + work,
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas",
                "-jar",
                pipelineJar.toAbsolutePath().toString()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile())
                .start();
    }

    private void runJava(String log, List<String> args) throws Exception {
        Process process = java(log, args);
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(args.get(0) + " did not finish; see " + work.resolve(log));
        }
        assertThat(process.exitValue())
                .as(args.get(0) + " exit code; output:\n" + Files.readString(work.resolve(log)))
                .isZero();
    }

    private record Result(int exitCode, String output) {}

    private Result runRegister(List<String> files) throws Exception {
        List<String> command = new ArrayList<>(
                List.of("sh", repo.resolve("connectors/register.sh").toString()));
        command.addAll(files);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("CONNECT_URL", connect.url().toString());
        env.put("POSTGRES_JDBC_URL", postgres.jdbcUrl());
        env.put("POSTGRES_USER", PostgresServer.USER);
        env.put("POSTGRES_PASSWORD", PostgresServer.PASSWORD);
        env.put("SCHEMA_REGISTRY_URL", registry.url().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private String registerConnectors() throws Exception {
        Result result = runRegister(List.of());
        assertThat(result.exitCode()).as("register.sh:\n" + result.output()).isZero();
        return result.output();
    }

    /** A failed connector or task does not recover by itself: say so at once, with its trace. */
    private void failOnFailedTask() throws IOException, InterruptedException {
        if (connect == null) {
            return;
        }
        for (String connector : CONNECTORS) {
            HttpResponse<String> status = get("/connectors/" + connector + "/status");
            if (status.statusCode() == 200 && status.body().contains("\"FAILED\"")) {
                fail(connector + " failed: " + status.body());
            }
        }
    }

    private boolean running(String connector) {
        try {
            HttpResponse<String> status = get("/connectors/" + connector + "/status");
            if (status.body().contains("\"FAILED\"")) {
                fail(connector + " failed: " + status.body());
            }
            return status.statusCode() == 200
                    && status.body().contains("\"connector\":{\"state\":\"RUNNING\"")
                    && status.body().contains("\"tasks\":[{\"id\":0,\"state\":\"RUNNING\"");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(connect.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    /** Records on a topic, committed ones only (the pipeline writes transactionally). */
    private long recordsOf(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                records += consumer.poll(Duration.ofMillis(500)).count();
            }
            return records;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection db = postgres.connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = postgres.connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private Map<String, Long> longsBy(String sql) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Connection db = postgres.connect();
                Statement st = db.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    /** Polls until {@code condition} holds; on time-out, fails with what the connectors and the pipeline say. */
    private void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            failOnFailedTask();
            try {
                if (condition.call()) {
                    return;
                }
            } catch (AssertionError e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        StringBuilder diagnosis = new StringBuilder("Gave up waiting for " + what + " after " + PATIENCE);
        if (last != null) {
            diagnosis.append("\nlast error: ").append(last);
        }
        if (connect != null) {
            for (String connector : CONNECTORS) {
                try {
                    diagnosis
                            .append("\n")
                            .append(connector)
                            .append(": ")
                            .append(get("/connectors/" + connector + "/status").body());
                } catch (IOException | InterruptedException e) {
                    diagnosis.append("\n").append(connector).append(": ").append(e);
                }
            }
        }
        diagnosis.append("\nlogs in ").append(work);
        fail(diagnosis.toString());
    }
}
