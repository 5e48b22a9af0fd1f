package io.partitionanalytics.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.load.LoadSnapshot;
import io.partitionanalytics.load.StrategyLoadHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The one HTTP port: {@code /health}, {@code /metrics} (Prometheus), {@code /api/...} (JSON: strategies, load,
 * history, alerts, recommendations — served from the state stores of whichever instance holds them) and {@code /}
 * (the web view).
 */
public final class HttpApi implements AutoCloseable {

    static final String LOCAL_STORE_PATH = "/api/internal/store";

    private final Javalin server;

    private HttpApi(Javalin server) {
        this.server = server;
    }

    /**
     * Starts listening at once (so that the port is known before Kafka Streams starts and can be advertised); the
     * endpoints answer 503 until {@code streams} supplies an instance.
     */
    public static HttpApi start(
            String host,
            int port,
            List<String> strategies,
            Supplier<KafkaStreams> streams,
            Supplier<LoadQueries> queries,
            PrometheusMeterRegistry registry) {
        Javalin server = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            // The web view's script and style sheet, and the charting library's WebJar, from the classpath.
            config.staticFiles.add(files -> {
                files.hostedPath = "/web";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        server.get("/health", ctx -> health(ctx, streams.get()));
        server.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
        server.get("/api/strategies", ctx -> json(ctx, strategies));
        server.get("/api/load", ctx -> {
            String strategy = ctx.queryParam("strategy");
            if (strategy != null) {
                checkKnown(strategy, strategies);
                json(
                        ctx,
                        history(queries, strategy)
                                .map(StrategyLoadHistory::latest)
                                .orElse(null));
                return;
            }
            List<LoadSnapshot> latest = new ArrayList<>();
            for (String name : strategies) {
                history(queries, name).map(StrategyLoadHistory::latest).ifPresent(latest::add);
            }
            json(ctx, latest);
        });
        server.get("/api/history", ctx -> {
            String strategy = ctx.queryParamAsClass("strategy", String.class).get();
            checkKnown(strategy, strategies);
            json(
                    ctx,
                    history(queries, strategy).map(StrategyLoadHistory::recent).orElse(List.of()));
        });
        server.get("/api/alerts", ctx -> {
            String strategy = ctx.queryParam("strategy");
            List<String> names = strategy == null ? strategies : List.of(strategy);
            if (strategy != null) {
                checkKnown(strategy, strategies);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            List<Object> open = new ArrayList<>();
            List<Object> recent = new ArrayList<>();
            for (String name : names) {
                require(queries).alerts(name).ifPresent(log -> {
                    open.addAll(log.open());
                    recent.addAll(log.recent());
                });
            }
            body.put("open", open);
            body.put("recent", recent);
            json(ctx, body);
        });
        server.get("/api/recommendations", ctx -> {
            String strategy = ctx.queryParam("strategy");
            if (strategy != null) {
                checkKnown(strategy, strategies);
            }
            List<Object> recent = new ArrayList<>();
            for (String name : strategy == null ? strategies : List.of(strategy)) {
                recent.addAll(require(queries).recommendations(name));
            }
            json(ctx, Map.of("recent", recent));
        });
        server.get(LOCAL_STORE_PATH, ctx -> {
            String store = ctx.queryParamAsClass("store", String.class).get();
            String strategy = ctx.queryParamAsClass("strategy", String.class).get();
            Optional<byte[]> local = require(queries).getLocal(store, strategy);
            if (local.isEmpty()) {
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.contentType("application/json").result(local.get());
        });
        server.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(IndexPage.html()));
        server.exception(LoadQueries.UnavailableException.class, (e, ctx) -> {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "2");
            json(ctx, Map.of("error", e.getMessage()));
        });
        server.exception(IllegalArgumentException.class, (e, ctx) -> {
            ctx.status(HttpStatus.BAD_REQUEST);
            json(ctx, Map.of("error", e.getMessage()));
        });
        server.exception(io.javalin.validation.ValidationException.class, (e, ctx) -> {
            ctx.status(HttpStatus.BAD_REQUEST);
            json(
                    ctx,
                    Map.of(
                            "error",
                            "missing or invalid query parameter: "
                                    + e.getErrors().keySet()));
        });
        server.start(host, port);
        return new HttpApi(server);
    }

    private static Optional<StrategyLoadHistory> history(Supplier<LoadQueries> queries, String strategy) {
        return require(queries).history(strategy);
    }

    private static LoadQueries require(Supplier<LoadQueries> queries) {
        LoadQueries current = queries.get();
        if (current == null) {
            throw new LoadQueries.UnavailableException("starting", null);
        }
        return current;
    }

    private static void checkKnown(String strategy, List<String> strategies) {
        if (!strategies.contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "'; configured: " + strategies);
        }
    }

    private static void health(Context ctx, KafkaStreams streams) {
        Map<String, Object> body = new LinkedHashMap<>();
        KafkaStreams.State state = streams == null ? null : streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        body.put("status", up ? "UP" : "DOWN");
        body.put("streams_state", state == null ? "STARTING" : state.name());
        ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
        json(ctx, body);
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.toBytes(value));
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
