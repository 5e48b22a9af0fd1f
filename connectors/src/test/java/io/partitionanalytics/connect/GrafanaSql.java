package io.partitionanalytics.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL of Grafana dashboards: every {@code rawSql} of every panel (rows' nested panels included) and of every
 * query variable whose datasource is the PostgreSQL one, and the substitution Grafana's PostgreSQL datasource applies
 * before sending it: its macros ({@code $__timeFilter(col)}, {@code $__timeFrom()}, {@code $__timeGroup(col, 5s)},
 * ...) for a concrete time range, and template variables ({@code $var}, {@code ${var}}, {@code ${var:singlequote}},
 * {@code [[var]]}).
 */
final class GrafanaSql {

    static final String POSTGRES_UID = "postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query: where it comes from, and its SQL as written. */
    record Query(String dashboard, String panel, String refId, String rawSql) {
        String where() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    /** A dashboard's template variables. */
    record Variable(String name, Query query, String fallback) {}

    private GrafanaSql() {}

    static List<Path> dashboards(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Every PostgreSQL panel query of a dashboard. */
    static List<Query> panelQueries(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        List<Query> queries = new ArrayList<>();
        collect(dashboard.getFileName().toString(), root.path("panels"), queries);
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(dashboard, panel.path("panels"), queries); // collapsed rows hold their panels
            String panelUid = panel.path("datasource").path("uid").asText("");
            for (JsonNode target : panel.path("targets")) {
                String uid = target.path("datasource").path("uid").asText(panelUid);
                if (POSTGRES_UID.equals(uid) && target.hasNonNull("rawSql")) {
                    queries.add(new Query(
                            dashboard,
                            panel.path("title").asText("#" + panel.path("id").asText()),
                            target.path("refId").asText("?"),
                            target.get("rawSql").asText()));
                }
            }
        }
    }

    /** The dashboard's template variables; a PostgreSQL query variable carries its query. */
    static List<Variable> variables(Path dashboard) throws IOException {
        JsonNode root = JSON.readTree(dashboard.toFile());
        List<Variable> variables = new ArrayList<>();
        for (JsonNode variable : root.path("templating").path("list")) {
            String name = variable.path("name").asText();
            String fallback = variable.path("current").path("value").asText(null);
            Query query = null;
            if ("query".equals(variable.path("type").asText())
                    && POSTGRES_UID.equals(
                            variable.path("datasource").path("uid").asText())) {
                JsonNode q = variable.path("query");
                String sql = q.isTextual()
                        ? q.asText()
                        : q.path("rawSql").asText(q.path("query").asText());
                query = new Query(dashboard.getFileName().toString(), "variable " + name, "query", sql);
            }
            variables.add(new Variable(name, query, fallback));
        }
        return variables;
    }

    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)(?:\\(([^)]*)\\))?");

    /** {@code sql} as Grafana would send it for the range [from, to] and these variable values. */
    static String substitute(String sql, Instant from, Instant to, Map<String, String> variables) {
        String result = replace(MACRO, sql, m -> macro(m.group(1), m.group(2), from, to));
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String name = Pattern.quote(variable.getKey());
            String value = variable.getValue();
            String quoted = "'" + value.replace("'", "''") + "'";
            result = replace(Pattern.compile("\\$\\{" + name + ":(singlequote|sqlstring)}"), result, m -> quoted);
            result = replace(Pattern.compile("\\$\\{" + name + "(:\\w+)?}"), result, m -> value);
            result = replace(Pattern.compile("\\[\\[" + name + "]]"), result, m -> value);
            result = replace(Pattern.compile("\\$" + name + "\\b"), result, m -> value);
        }
        return result;
    }

    private static String macro(String name, String args, Instant from, Instant to) {
        List<String> a = args == null || args.isBlank()
                ? List.of()
                : Stream.of(args.split(",")).map(String::trim).toList();
        String fromIso = "'" + from + "'";
        String toIso = "'" + to + "'";
        return switch (name) {
            case "timeFilter" -> a.get(0) + " BETWEEN " + fromIso + " AND " + toIso;
            case "timeFrom" -> fromIso;
            case "timeTo" -> toIso;
            case "time" -> a.get(0) + " AS \"time\"";
            case "timeEpoch" -> "extract(epoch from " + a.get(0) + ") AS \"time\"";
            case "timeGroup" -> timeGroup(a);
            case "timeGroupAlias" -> timeGroup(a) + " AS \"time\"";
            case "unixEpochFilter" ->
                a.get(0) + " >= " + from.getEpochSecond() + " AND " + a.get(0) + " <= " + to.getEpochSecond();
            case "unixEpochFrom" -> String.valueOf(from.getEpochSecond());
            case "unixEpochTo" -> String.valueOf(to.getEpochSecond());
            case "unixEpochGroup" -> unixEpochGroup(a);
            case "unixEpochGroupAlias" -> unixEpochGroup(a) + " AS \"time\"";
            case "interval" -> "'5s'";
            case "interval_ms" -> "5000";
            default -> throw new IllegalArgumentException("Grafana macro $__" + name + " is not known to this test");
        };
    }

    private static String timeGroup(List<String> a) {
        long seconds = seconds(a.get(1));
        return "to_timestamp(floor(extract(epoch from " + a.get(0) + ")/" + seconds + ")*" + seconds + ")";
    }

    private static String unixEpochGroup(List<String> a) {
        long seconds = seconds(a.get(1));
        return "floor((" + a.get(0) + ")/" + seconds + ")*" + seconds;
    }

    private static long seconds(String interval) {
        String value = interval.replace("'", "").trim();
        if (value.startsWith("$")) {
            return 5;
        }
        return Duration.parse("PT" + value.toUpperCase()).toSeconds();
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
