package io.partitionanalytics.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;

/**
 * A test double of a Confluent Schema Registry: the documented REST API subset this application uses, in-process
 * (JDK http server), with the registry's error bodies.
 *
 * <ul>
 *   <li>{@code GET /schemas/ids/{id}} -> {@code {"schema": "..."}} (plus {@code schemaType} when not AVRO), or 404
 *       {@code {"error_code": 40403, "message": "Schema 7 not found"}};
 *   <li>{@code POST /subjects/{subject}/versions} {@code {"schema": "..."}} -> {@code {"id": n}}; the same schema gets
 *       the same id under every subject; 422/42201 for a schema that does not parse, 409 for one that is not backward
 *       compatible with the subject's latest version;
 *   <li>{@code POST /subjects/{subject}} -> {@code {"subject", "id", "version", "schema"}}, or 404 with 40401 (no such
 *       subject) or 40403 (schema not under it);
 *   <li>anything else: 404 {@code {"error_code": 404, "message": "HTTP 404 Not Found"}}.
 * </ul>
 *
 * <p>It can demand basic auth, fail the next requests with a status, and be stopped and started on the same port
 * (an outage).
 */
public final class FakeSchemaRegistry implements AutoCloseable {

    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Pattern SCHEMA_BY_ID = Pattern.compile("/schemas/ids/(-?\\d+)");
    private static final Pattern VERSIONS = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern SUBJECT = Pattern.compile("/subjects/([^/]+)");

    private final ObjectMapper mapper = new ObjectMapper();
    private final SSLContext tls;
    private final boolean needClientAuth;
    private final Map<Integer, Registered> byId = new LinkedHashMap<>();
    private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final ConcurrentLinkedDeque<Integer> failures = new ConcurrentLinkedDeque<>();
    private volatile String requiredUserInfo;
    private int nextId = 1;
    private int port;
    private HttpServer server;
    private ExecutorService executor;

    private record Registered(String schema, String type, boolean references) {}

    private FakeSchemaRegistry(SSLContext tls, boolean needClientAuth) {
        this.tls = tls;
        this.needClientAuth = needClientAuth;
    }

    /** A plain http registry on a free port of 127.0.0.1. */
    public static FakeSchemaRegistry start() {
        FakeSchemaRegistry registry = new FakeSchemaRegistry(null, false);
        registry.startServer();
        return registry;
    }

    /** An https registry presenting the key of {@code tls}; {@code needClientAuth}: mutual TLS. */
    public static FakeSchemaRegistry startHttps(SSLContext tls, boolean needClientAuth) {
        FakeSchemaRegistry registry = new FakeSchemaRegistry(tls, needClientAuth);
        registry.startServer();
        return registry;
    }

    public synchronized URI url() {
        return URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + port);
    }

    /** Requests answered so far, as {@code "GET /schemas/ids/1"}. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized long requestCount(String methodAndPath) {
        return requests.stream().filter(methodAndPath::equals).count();
    }

    /** From now on, requests without {@code Authorization: Basic base64(userInfo)} get 401. */
    public void requireBasicAuth(String userInfo) {
        this.requiredUserInfo = userInfo;
    }

    /** The next {@code times} requests are answered with {@code status} and a registry error body. */
    public void failNext(int times, int status) {
        for (int i = 0; i < times; i++) {
            failures.add(status);
        }
    }

    /** Registers {@code schema} under {@code subject}, as a producer's serializer would; returns its id. */
    public synchronized int register(String subject, Schema schema) {
        return registerText(subject, schema.toString());
    }

    /** The schema registered under {@code id}, as the registry stores it. */
    public synchronized Schema schema(int id) {
        return new Schema.Parser().parse(byId.get(id).schema());
    }

    /** The ids registered under {@code subject}, oldest first. */
    public synchronized List<Integer> versions(String subject) {
        return List.copyOf(subjects.getOrDefault(subject, List.of()));
    }

    /** A schema of another type (PROTOBUF, JSON) or with references, under a new id. */
    public synchronized int addRaw(String schema, String type, boolean references) {
        int id = nextId++;
        byId.put(id, new Registered(schema, type, references));
        return id;
    }

    /** Stops answering: connections are refused until {@link #resume()}. */
    public synchronized void stopServer() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Answers again, on the same port, with the same schemas. */
    public synchronized void resume() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stopServer();
    }

    private synchronized void startServer() {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls != null) {
                HttpsServer https = HttpsServer.create(address, 50);
                https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                    @Override
                    public void configure(HttpsParameters params) {
                        // Only parameters set through setSSLParameters take effect.
                        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                        parameters.setNeedClientAuth(needClientAuth);
                        params.setSSLParameters(parameters);
                    }
                });
                server = https;
            } else {
                server = HttpServer.create(address, 50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer = answer(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Answer(int status, String body, String contentType) {}

    private synchronized Answer answer(String method, String path, String authorization, byte[] body) {
        requests.add(method + " " + path);
        Integer failure = failures.poll();
        if (failure != null) {
            return error(failure, failure == 503 ? 50003 : failure * 100 + 1, "Injected failure " + failure);
        }
        String required = requiredUserInfo;
        if (required != null) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(required.getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(authorization)) {
                return error(401, 401, "Unauthorized");
            }
        }
        Matcher byIdPath = SCHEMA_BY_ID.matcher(path);
        if (method.equals("GET") && byIdPath.matches()) {
            int id = Integer.parseInt(byIdPath.group(1));
            Registered registered = byId.get(id);
            if (registered == null) {
                return error(404, 40403, "Schema " + id + " not found");
            }
            ObjectNode json = mapper.createObjectNode();
            json.put("schema", registered.schema());
            if (!registered.type().equals("AVRO")) {
                json.put("schemaType", registered.type());
            }
            if (registered.references()) {
                json.putArray("references")
                        .addObject()
                        .put("name", "Other")
                        .put("subject", "other-value")
                        .put("version", 1);
            }
            return ok(json);
        }
        Matcher versions = VERSIONS.matcher(path);
        if (method.equals("POST") && versions.matches()) {
            String subject = decode(versions.group(1));
            String schemaText = schemaOf(body);
            Schema schema;
            try {
                schema = new Schema.Parser().parse(schemaText);
            } catch (SchemaParseException | NullPointerException e) {
                return error(422, 42201, "Invalid schema " + schemaText);
            }
            List<Integer> ids = subjects.getOrDefault(subject, List.of());
            if (!ids.isEmpty()) {
                Schema latest = new Schema.Parser()
                        .parse(byId.get(ids.get(ids.size() - 1)).schema());
                if (SchemaCompatibility.checkReaderWriterCompatibility(schema, latest)
                                .getType()
                        != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    return error(
                            409,
                            409,
                            "Schema being registered is incompatible with an earlier schema for subject \"" + subject
                                    + "\"");
                }
            }
            ObjectNode json = mapper.createObjectNode();
            json.put("id", registerText(subject, schemaText));
            return ok(json);
        }
        Matcher subjectPath = SUBJECT.matcher(path);
        if (method.equals("POST") && subjectPath.matches()) {
            String subject = decode(subjectPath.group(1));
            List<Integer> ids = subjects.get(subject);
            if (ids == null) {
                return error(404, 40401, "Subject '" + subject + "' not found.");
            }
            String canonical = canonical(schemaOf(body));
            for (int i = 0; i < ids.size(); i++) {
                Registered registered = byId.get(ids.get(i));
                if (canonical.equals(canonical(registered.schema()))) {
                    ObjectNode json = mapper.createObjectNode();
                    json.put("subject", subject);
                    json.put("id", ids.get(i));
                    json.put("version", i + 1);
                    json.put("schema", registered.schema());
                    return ok(json);
                }
            }
            return error(404, 40403, "Schema not found");
        }
        return error(404, 404, "HTTP 404 Not Found");
    }

    private int registerText(String subject, String schemaText) {
        String canonical = canonical(schemaText);
        Integer id = null;
        for (Map.Entry<Integer, Registered> entry : byId.entrySet()) {
            if (entry.getValue().type().equals("AVRO")
                    && canonical.equals(canonical(entry.getValue().schema()))) {
                id = entry.getKey();
            }
        }
        if (id == null) {
            id = nextId++;
            byId.put(id, new Registered(schemaText, "AVRO", false));
        }
        List<Integer> ids = subjects.computeIfAbsent(subject, k -> new ArrayList<>());
        if (!ids.contains(id)) {
            ids.add(id);
        }
        return id;
    }

    private String schemaOf(byte[] body) {
        try {
            JsonNode json = mapper.readTree(body);
            JsonNode schema = json == null ? null : json.get("schema");
            return schema == null ? null : schema.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static String canonical(String schemaText) {
        try {
            return SchemaNormalization.toParsingForm(new Schema.Parser().parse(schemaText));
        } catch (RuntimeException e) {
            return schemaText;
        }
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private Answer ok(ObjectNode json) {
        return new Answer(200, json.toString(), MEDIA_TYPE);
    }

    private Answer error(int status, int code, String message) {
        ObjectNode json = mapper.createObjectNode();
        json.put("error_code", code);
        json.put("message", message);
        return new Answer(status, json.toString(), MEDIA_TYPE);
    }
}
