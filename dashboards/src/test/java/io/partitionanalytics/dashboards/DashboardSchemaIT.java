package io.partitionanalytics.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard under {@code grafana/dashboards/} against Grafana's published schema: the dashboard as a TypeScript
 * literal typed {@code Dashboard} from {@code @grafana/schema} (pinned in {@code schema-check/package-lock.json}), and
 * each panel also typed with its own panel plugin's {@code Options} and {@code FieldConfig} where the package has
 * them, so that a misspelt or mistyped property fails {@code tsc --noEmit} (excess property checks on literals).
 */
class DashboardSchemaIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPOSABLE = "./dist/esm/raw/composable/";
    private static Path work;
    /** Panel type (as in dashboard JSON) -> import path of its generated types, and which of the two it declares. */
    private static final Map<String, PanelTypes> panelTypes = new TreeMap<>();

    private record PanelTypes(String importPath, boolean options, boolean fieldConfig) {}

    @BeforeAll
    static void installSchema() throws Exception {
        Path npm = Tools.require("npm", "npm");
        work = Tools.module().resolve("target/schema-check");
        deleteRecursively(work);
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json")) {
            Files.copy(Tools.module().resolve("schema-check").resolve(file), work.resolve(file));
        }
        Tools.Result install = Tools.run(
                work,
                Duration.ofMinutes(5),
                List.of(npm.toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"));
        assertThat(install.exitCode()).as("npm ci:\n" + install.output()).isZero();

        Path schema = work.resolve("node_modules/@grafana/schema");
        JsonNode exports =
                JSON.readTree(schema.resolve("package.json").toFile()).path("exports");
        exports.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            if (!key.startsWith(COMPOSABLE) || !key.contains("/panelcfg/x/")) {
                return;
            }
            String plugin = key.substring(COMPOSABLE.length(), key.indexOf('/', COMPOSABLE.length()));
            try {
                String declarations = Files.readString(
                        schema.resolve(entry.getValue().path("types").asText()));
                panelTypes.put(
                        plugin,
                        new PanelTypes(
                                "@grafana/schema" + key.substring(1),
                                declarations.contains("export interface Options "),
                                declarations.contains("export interface FieldConfig ")));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(panelTypes).as("panel plugins' types in @grafana/schema").containsKeys("timeseries", "stat");
    }

    @Test
    void shouldTypeCheckEveryDashboardAgainstGrafanasSchema() throws Exception {
        List<Path> dashboards = dashboards();
        assertThat(dashboards).isNotEmpty();
        Path project = work.resolve("dashboards");
        Files.createDirectories(project);
        for (Path dashboard : dashboards) {
            String name = dashboard.getFileName().toString().replace(".json", "");
            Files.writeString(
                    project.resolve(name + ".ts"), typeScriptOf((ObjectNode) JSON.readTree(dashboard.toFile())));
        }

        Tools.Result result = typeCheck(project);

        assertThat(result.exitCode())
                .as("tsc on " + dashboards + ":\n" + result.output())
                .isZero();
    }

    @Test
    void shouldRejectAMisspeltOrMistypedProperty() throws Exception {
        // The check itself can fail: one panel property misspelt, one top-level property of the wrong type.
        ObjectNode dashboard = (ObjectNode) JSON.readTree(dashboards().get(0).toFile());
        ((ObjectNode) dashboard.path("panels").get(0)).put("titel", "misspelt");
        dashboard.put("schemaVersion", "41");
        Path project = work.resolve("broken");
        Files.createDirectories(project);
        Files.writeString(project.resolve("broken.ts"), typeScriptOf(dashboard));

        Tools.Result result = typeCheck(project);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output())
                .contains("'\"titel\"' does not exist")
                .contains("Type 'string' is not assignable to type 'number'");
    }

    /** The dashboard as one typed literal, then every panel again as a literal typed with its plugin's types. */
    private static String typeScriptOf(ObjectNode dashboard) throws Exception {
        StringBuilder ts = new StringBuilder("import type { Dashboard, Panel } from '@grafana/schema';\n");
        // The schema declares many properties as TypeScript string enums (ThresholdsMode.Absolute = 'absolute'), which
        // a string in JSON can never be; Json<T> swaps every string enum for the union of its values and leaves the
        // rest of the type (known keys, optionality, numbers, nested objects) as it is.
        ts.append("type Json<T> = T extends string ? `${T}` : T extends (infer U)[] ? Json<U>[]"
                + " : T extends object ? { [K in keyof T]: Json<T[K]> } : T;\n");
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add); // inside a collapsed row
        });
        Map<String, PanelTypes> used = new TreeMap<>();
        for (JsonNode panel : panels) {
            String plugin = panel.path("type").asText().replace("-", "");
            if (panelTypes.containsKey(plugin)) {
                used.put(plugin, panelTypes.get(plugin));
            }
        }
        used.forEach((plugin, types) -> ts.append("import type * as ")
                .append(plugin)
                .append(" from '")
                .append(types.importPath())
                .append("';\n"));
        ts.append("\nexport const dashboard: Json<Dashboard> = ")
                .append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard))
                .append(";\n");
        int i = 0;
        for (JsonNode panel : panels) {
            String plugin = panel.path("type").asText().replace("-", "");
            PanelTypes types = used.get(plugin);
            String type = "Json<Panel>";
            if (types != null) {
                type = "Json<Panel<Record<string, unknown>, "
                        + (types.fieldConfig() ? plugin + ".FieldConfig" : "Record<string, unknown>") + ">"
                        + (types.options() ? " & { options?: " + plugin + ".Options }" : "") + ">";
            }
            ts.append("\nexport const panel")
                    .append(i++)
                    .append(": ")
                    .append(type)
                    .append(" = ")
                    .append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(panel))
                    .append(";\n");
        }
        return ts.toString();
    }

    private static Tools.Result typeCheck(Path project) throws Exception {
        Files.writeString(
                project.resolve("tsconfig.json"),
                """
                {
                  "compilerOptions": {
                    "strict": true, "noEmit": true, "target": "es2022", "module": "esnext",
                    "moduleResolution": "bundler", "skipLibCheck": true, "typeRoots": []
                  },
                  "include": ["*.ts"]
                }
                """);
        // Type-only imports resolve through the package's "exports", from the node_modules one level up.
        return Tools.run(
                project,
                Duration.ofMinutes(3),
                List.of(
                        Tools.require("node", "nodejs").toString(),
                        work.resolve("node_modules/typescript/bin/tsc").toString(),
                        "-p",
                        "tsconfig.json",
                        "--pretty",
                        "false"));
    }

    static List<Path> dashboards() throws Exception {
        try (Stream<Path> files = Files.list(Tools.module().resolve("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
