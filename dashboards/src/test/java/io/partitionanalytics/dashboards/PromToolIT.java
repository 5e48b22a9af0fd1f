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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus and Alertmanager files as their own tools see them: {@code promtool check rules}, {@code promtool test
 * rules} over every unit-test file, {@code promtool check config}, {@code amtool check-config}; and the unit tests
 * cover every alert both firing and not firing.
 */
class PromToolIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path prometheus = Tools.module().resolve("prometheus");

    @Test
    void shouldAcceptEveryRuleFile() throws Exception {
        List<String> command =
                new ArrayList<>(List.of(Tools.require("promtool", "prometheus").toString(), "check", "rules"));
        ruleFiles().forEach(file -> command.add(file.toString()));

        Tools.Result result = Tools.run(prometheus, TIMEOUT, command);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassEveryRuleUnitTest() throws Exception {
        List<Path> tests = ruleTests();
        assertThat(tests).isNotEmpty();
        List<String> command =
                new ArrayList<>(List.of(Tools.require("promtool", "prometheus").toString(), "test", "rules"));
        tests.forEach(file -> command.add(file.toString()));

        Tools.Result result = Tools.run(prometheus.resolve("tests"), TIMEOUT, command);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("FAILED");
    }

    @Test
    void shouldTestEveryAlertFiringAndNotFiring() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        alerts.add(rule.path("alert").asText());
                    }
                }
            }
        }
        Map<String, Set<String>> outcomes = new TreeMap<>();
        for (Path file : ruleTests()) {
            for (JsonNode test : YAML.readTree(file.toFile()).path("tests")) {
                for (JsonNode check : test.path("alert_rule_test")) {
                    outcomes.computeIfAbsent(check.path("alertname").asText(), a -> new TreeSet<>())
                            .add(check.path("exp_alerts").isEmpty() ? "not firing" : "firing");
                }
            }
        }

        assertThat(alerts).isNotEmpty();
        for (String alert : alerts) {
            assertThat(outcomes.get(alert))
                    .as("promtool tests of alert %s", alert)
                    .containsExactlyInAnyOrder("firing", "not firing");
        }
    }

    @Test
    void shouldAcceptTheScrapeConfig() throws Exception {
        Tools.Result result = Tools.run(
                prometheus,
                TIMEOUT,
                List.of(Tools.require("promtool", "prometheus").toString(), "check", "config", "prometheus.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldAcceptTheAlertmanagerConfig() throws Exception {
        Path alertmanager = Tools.module().resolve("alertmanager");
        Tools.Result result = Tools.run(
                alertmanager,
                TIMEOUT,
                List.of(
                        Tools.require("amtool", "prometheus-alertmanager").toString(),
                        "check-config",
                        "alertmanager.yml"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    static List<Path> ruleFiles() throws Exception {
        return yamlFiles(Tools.module().resolve("prometheus/rules"));
    }

    private List<Path> ruleTests() throws Exception {
        return yamlFiles(prometheus.resolve("tests"));
    }

    private static List<Path> yamlFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
