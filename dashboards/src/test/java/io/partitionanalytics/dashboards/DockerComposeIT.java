package io.partitionanalytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} as Compose itself reads it (Debian's docker-compose validates against the Compose schema
 * and resolves paths without a Docker engine), and every local file it mounts or builds from: present, and checked by
 * a named test.
 */
class DockerComposeIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /**
     * Every local path the compose file may mount or build from (relative to the repository root) and what checks it.
     * A new mount must be added here, with its test.
     */
    private static final Map<String, String> COVERED = Map.ofEntries(
            Map.entry("dashboards/prometheus/prometheus.yml", "PromToolIT (promtool check config), this test"),
            Map.entry("dashboards/prometheus/rules", "PromToolIT (check and unit tests), PromQlIT (real Prometheus)"),
            Map.entry("dashboards/alertmanager/alertmanager.yml", "PromToolIT (amtool), PromQlIT (real Alertmanager)"),
            Map.entry("dashboards/grafana/dashboards", "DashboardSchemaIT, PromQlIT, the connectors' SQL panel IT"),
            Map.entry("dashboards/grafana/provisioning", "this test"),
            Map.entry("Dockerfile", "this test (the jar it copies is the one the build makes)"),
            Map.entry("connectors/Dockerfile", "the connectors module's Connect IT"),
            Map.entry("connectors", "the connectors module's Connect IT (register.sh, one JSON per connector)"),
            Map.entry("connectors/sql/schema.sql", "the connectors module's PostgreSQL IT"),
            Map.entry("connectors/register.sh", "the connectors module's Connect IT"));

    private static JsonNode compose;

    @BeforeAll
    static void resolve() throws Exception {
        Tools.Result result = Tools.run(
                Tools.repoRoot(),
                Duration.ofMinutes(1),
                List.of(
                        Tools.require("docker-compose", "docker-compose").toString(),
                        "-f",
                        "docker-compose.yml",
                        "config"));
        assertThat(result.exitCode())
                .as("docker-compose config:\n" + result.output())
                .isZero();
        compose = YAML.readTree(result.output());
    }

    @Test
    void shouldBeAValidComposeFile() throws Exception {
        Tools.Result result = Tools.run(
                Tools.repoRoot(),
                Duration.ofMinutes(1),
                List.of(
                        Tools.require("docker-compose", "docker-compose").toString(),
                        "-f",
                        "docker-compose.yml",
                        "config",
                        "-q"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(services())
                .contains(
                        "kafka",
                        "topics-init",
                        "schema-registry",
                        "partition-analytics",
                        "generator",
                        "postgres",
                        "connect",
                        "connect-init",
                        "prometheus",
                        "alertmanager",
                        "grafana");
    }

    @Test
    void shouldMountAndBuildOnlyFilesThatExistAndAreTested() {
        Set<String> used = new TreeSet<>();
        compose.path("services").forEach(service -> {
            for (JsonNode volume : service.path("volumes")) {
                String source = volume.isTextual()
                        ? volume.asText().split(":")[0]
                        : volume.path("source").asText();
                if (source.startsWith("/")) {
                    used.add(relative(Path.of(source)));
                }
            }
            JsonNode build = service.path("build");
            if (!build.isMissingNode()) {
                Path context = Path.of(build.path("context").asText());
                used.add(relative(context.resolve(build.path("dockerfile").asText("Dockerfile"))));
            }
        });

        // connect-init runs the register script from the mounted connectors/ directory.
        if (compose.path("services")
                .path("connect-init")
                .path("entrypoint")
                .toString()
                .contains("/connectors/register.sh")) {
            used.add("connectors/register.sh");
        }
        assertThat(used).isNotEmpty();
        assertThat(COVERED.keySet())
                .as("mounted/built files with a test covering them")
                .containsAll(used);
        // connectors/ (Dockerfile, register.sh, sql/schema.sql) comes with the Connect sinks' work.
        assertThat(used.stream().filter(path -> !Files.exists(Tools.repoRoot().resolve(path))))
                .as("mounted/built files missing from the repository")
                .isEmpty();
    }

    @Test
    void shouldProvisionGrafanaWithTheDatasourcesAndDashboardsTheDashboardsUse() throws Exception {
        Path provisioning = Tools.module().resolve("grafana/provisioning");
        JsonNode datasources = YAML.readTree(
                provisioning.resolve("datasources/datasources.yml").toFile());
        Map<String, JsonNode> byUid = new java.util.TreeMap<>();
        datasources.path("datasources").forEach(ds -> byUid.put(ds.path("uid").asText(), ds));
        assertThat(byUid).containsKeys("prometheus", "postgres");
        assertThat(byUid.get("prometheus").path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode postgres = byUid.get("postgres");
        assertThat(postgres.path("url").asText()).isEqualTo("postgres:5432");
        assertThat(postgres.path("jsonData").path("database").asText()).isEqualTo("analytics");
        assertThat(postgres.path("user").asText()).isEqualTo("analytics");
        assertThat(postgres.path("secureJsonData").path("password").asText()).isEqualTo("analytics");
        // The names in those URLs are services of the compose file, with the same credentials.
        assertThat(services()).contains("prometheus", "postgres");
        JsonNode postgresEnv = compose.path("services").path("postgres").path("environment");
        assertThat(postgresEnv.path("POSTGRES_DB").asText()).isEqualTo("analytics");
        assertThat(postgresEnv.path("POSTGRES_USER").asText()).isEqualTo("analytics");
        assertThat(postgresEnv.path("POSTGRES_PASSWORD").asText()).isEqualTo("analytics");

        // The file provider reads where compose mounts the dashboards.
        JsonNode providers =
                YAML.readTree(provisioning.resolve("dashboards/dashboards.yml").toFile());
        String path =
                providers.path("providers").get(0).path("options").path("path").asText();
        assertThat(grafanaMounts()).contains(Tools.module().resolve("grafana/dashboards") + ":" + path);

        // Every datasource a dashboard names is provisioned.
        ObjectMapper json = new ObjectMapper();
        for (Path dashboard : DashboardSchemaIT.dashboards()) {
            List<String> uids = new ArrayList<>();
            json.readTree(dashboard.toFile()).findValues("datasource").forEach(ds -> {
                if (ds.has("uid")) {
                    uids.add(ds.path("uid").asText());
                }
            });
            assertThat(byUid.keySet())
                    .as("datasources of " + dashboard.getFileName())
                    .containsAll(uids);
        }
    }

    @Test
    void shouldScrapeThePipelineServiceOnItsHttpPort() throws Exception {
        JsonNode prometheus = YAML.readTree(
                Tools.module().resolve("prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            if (job.path("job_name").asText().equals("partition-analytics")) {
                job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
            }
        }
        JsonNode analytics = compose.path("services").path("partition-analytics");

        assertThat(targets).containsExactly("partition-analytics:8080");
        assertThat(analytics
                        .path("environment")
                        .path("KAFKA_HTTP_ADVERTISED_HOST")
                        .asText())
                .isEqualTo("partition-analytics");
        assertThat(prometheus.path("alerting").toString()).contains("alertmanager:9093");
        assertThat(services()).contains("alertmanager");
    }

    @Test
    void shouldBuildTheImageFromTheJarTheBuildMakes() throws Exception {
        String dockerfile = Files.readString(Tools.repoRoot().resolve("Dockerfile"));
        String topologyPom = Files.readString(Tools.repoRoot().resolve("topology/pom.xml"));

        assertThat(topologyPom).contains("<finalName>partition-analytics</finalName>");
        assertThat(dockerfile)
                .contains("COPY topology/target/partition-analytics.jar ")
                .contains("KAFKA_HTTP_HOST=0.0.0.0")
                .contains("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas")
                .contains("CMD [\"run\"]");
    }

    private static Set<String> services() {
        Set<String> names = new TreeSet<>();
        compose.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> grafanaMounts() {
        List<String> mounts = new ArrayList<>();
        compose.path("services").path("grafana").path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.add(parts[0] + ":" + parts[1]);
        });
        return mounts;
    }

    private static String relative(Path path) {
        return Tools.repoRoot().relativize(path.normalize()).toString();
    }
}
