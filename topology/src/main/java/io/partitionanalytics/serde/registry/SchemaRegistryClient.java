package io.partitionanalytics.serde.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the Confluent Schema Registry REST API (v1), for the subset this application needs:
 *
 * <ul>
 *   <li>{@code GET /schemas/ids/{id}}: the writer schema of a Confluent-framed record; cached for good (an id never
 *       changes its schema); "schema not found" (error 40403) is remembered for a minute;
 *   <li>{@code POST /subjects/{subject}/versions}: register a schema, get its id;
 *   <li>{@code POST /subjects/{subject}}: look up the id of a schema already registered under a subject.
 * </ul>
 *
 * <p>Errors come as {@code {"error_code": 40403, "message": "..."}}. A definitive answer ({@link
 * SchemaRegistryException}) is returned at once. No answer, or one that says nothing about the request (5xx, 408,
 * 429, 401/403, or a 404 without a registry error code, as from a wrong base URL), is retried over every URL with
 * exponential backoff and jitter for up to {@link RegistrySettings#retryTimeout()}; then {@link RegistryHealth} is
 * set to unreachable, a background probe repeats the request until the registry answers, and the caller gets a
 * {@link SchemaRegistryUnavailableException}.
 *
 * <p>Thread-safe; one instance per application.
 */
public final class SchemaRegistryClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);

    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = MEDIA_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final int CACHE_CAPACITY = 10_000;
    private static final long UNKNOWN_ID_TTL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final RegistrySettings settings;
    private final RegistryHealth health;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<String> baseUrls;
    private final Optional<String> authorization;
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<Integer, Long> unknownIdsUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    /** Created on the first outage. */
    private ScheduledExecutorService prober;

    private volatile boolean closed;

    public SchemaRegistryClient(RegistrySettings settings, RegistryHealth health) {
        this.settings = settings;
        this.health = health;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.sslContext().ifPresent(builder::sslContext);
        this.http = builder.build();
        this.baseUrls =
                settings.urls().stream().map(SchemaRegistryClient::baseUrl).toList();
        Optional<String> userInfo = settings.userInfo().or(() -> settings.urls().stream()
                .map(URI::getRawUserInfo)
                .filter(info -> info != null && !info.isEmpty())
                .map(info -> java.net.URLDecoder.decode(info, StandardCharsets.UTF_8))
                .findFirst());
        this.authorization = userInfo.map(
                info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }

    public RegistryHealth health() {
        return health;
    }

    /**
     * The schema registered with this id.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isSchemaNotFound()} for an unknown id
     * @throws UnusableSchemaException when the id holds a schema that is not plain Avro
     * @throws SchemaRegistryUnavailableException when the registry cannot be asked
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Long unknownUntil = unknownIdsUntil.get(id);
        if (unknownUntil != null && System.nanoTime() - unknownUntil < 0) {
            throw new SchemaRegistryException(
                    404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
        }
        try {
            return execute(new Call<>("GET", "/schemas/ids/" + id, null, body -> {
                Schema schema = parseSchemaAnswer(id, body);
                remember(schemasById, id, schema);
                return schema;
            }));
        } catch (SchemaRegistryException e) {
            if (e.isSchemaNotFound()) {
                if (unknownIdsUntil.size() >= CACHE_CAPACITY) {
                    unknownIdsUntil.clear();
                }
                unknownIdsUntil.put(id, System.nanoTime() + UNKNOWN_ID_TTL_NANOS);
            }
            throw e;
        }
    }

    /** Registers {@code schema} under {@code subject} (or finds it registered already) and returns its id. */
    public int register(String subject, Schema schema) {
        String cacheKey = cacheKey(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return execute(new Call<>("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), body -> {
            int id = requiredInt(body, "id");
            remember(idsBySubjectAndSchema, cacheKey, id);
            remember(schemasById, id, schema);
            return id;
        }));
    }

    /**
     * The id of {@code schema} as registered under {@code subject}.
     *
     * @throws SchemaRegistryException with {@link SchemaRegistryException#isSubjectOrSchemaNotFound()} when it is
     *     not registered there
     */
    public int lookup(String subject, Schema schema) {
        String cacheKey = cacheKey(subject, schema);
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return execute(new Call<>("POST", "/subjects/" + encode(subject), schemaBody(schema), body -> {
            int id = requiredInt(body, "id");
            remember(idsBySubjectAndSchema, cacheKey, id);
            remember(schemasById, id, schema);
            return id;
        }));
    }

    /** {@link #register} when {@code autoRegister}, else {@link #lookup}. */
    public int schemaId(String subject, Schema schema, boolean autoRegister) {
        return autoRegister ? register(subject, schema) : lookup(subject, schema);
    }

    /** True once {@link #close()} was called: requests that need the registry fail at once. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (prober != null) {
            prober.shutdownNow();
        }
    }

    // ---- requests, retries, health

    /** One REST call: what to send and how to read a successful answer. */
    private record Call<T>(String method, String path, String body, Function<JsonNode, T> onSuccess) {}

    /** The result of trying every URL once: an answer (value or definitive error), or the last transient failure. */
    private record Attempt<T>(T value, RuntimeException definitive, Exception transientFailure) {

        boolean answered() {
            return transientFailure == null;
        }

        T valueOrThrow() {
            if (definitive != null) {
                throw definitive;
            }
            return value;
        }
    }

    private <T> T execute(Call<T> call) {
        long start = System.nanoTime();
        long deadline = start + settings.retryTimeout().toNanos();
        long backoffMs = Math.max(1, settings.retryBackoff().toMillis());
        while (true) {
            if (closed) {
                throw new SchemaRegistryUnavailableException("Schema registry client closed", null);
            }
            Attempt<T> attempt = attempt(call);
            if (attempt.answered()) {
                markReachable();
                return attempt.valueOrThrow();
            }
            long pauseMs = jitter(backoffMs);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) - deadline >= 0) {
                String error = describe(attempt.transientFailure());
                markUnreachable(error);
                startProbe(call);
                throw new SchemaRegistryUnavailableException(
                        "Schema registry " + baseUrls + " unreachable for " + call.method() + " " + call.path()
                                + " after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms: "
                                + error,
                        attempt.transientFailure());
            }
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("Interrupted while waiting for the schema registry", e);
            }
            backoffMs = Math.min(
                    backoffMs * 2, Math.max(1, settings.retryBackoffMax().toMillis()));
        }
    }

    private <T> Attempt<T> attempt(Call<T> call) {
        Exception failure = null;
        int first = preferredUrl.get();
        for (int i = 0; i < baseUrls.size(); i++) {
            int index = (first + i) % baseUrls.size();
            try {
                HttpResponse<byte[]> response =
                        http.send(request(index, call), HttpResponse.BodyHandlers.ofByteArray());
                Attempt<T> attempt = classify(call, response);
                if (attempt.answered()) {
                    preferredUrl.set(index);
                    return attempt;
                }
                failure = attempt.transientFailure();
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryUnavailableException("Interrupted while asking the schema registry", e);
            }
        }
        return new Attempt<>(null, null, failure);
    }

    private HttpRequest request(int urlIndex, Call<?> call) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrls.get(urlIndex) + call.path()))
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        if (call.body() == null) {
            builder.GET();
        } else {
            builder.header("Content-Type", MEDIA_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private <T> Attempt<T> classify(Call<T> call, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            JsonNode body;
            try {
                body = mapper.readTree(response.body());
            } catch (IOException e) {
                return new Attempt<>(
                        null, null, new IOException("HTTP " + status + " with a body that is not JSON", e));
            }
            if (body == null || !body.isObject()) {
                return new Attempt<>(null, null, new IOException("HTTP " + status + " with an unexpected body"));
            }
            try {
                return new Attempt<>(call.onSuccess().apply(body), null, null);
            } catch (SchemaRegistryException e) {
                return new Attempt<>(null, e, null);
            }
        }
        ErrorBody error = ErrorBody.parse(mapper, response.body(), status);
        String message =
                "HTTP " + status + (error.code() != null ? " error_code " + error.code() : "") + ": " + error.message();
        boolean registryNotFound = status == 404
                && error.code() != null
                && (error.code() == SchemaRegistryException.SUBJECT_NOT_FOUND
                        || error.code() == SchemaRegistryException.VERSION_NOT_FOUND
                        || error.code() == SchemaRegistryException.SCHEMA_NOT_FOUND);
        boolean retriable = status >= 500
                || status == 408
                || status == 429
                || status == 401
                || status == 403
                || (status == 404 && !registryNotFound);
        if (retriable) {
            return new Attempt<>(null, null, new IOException(message));
        }
        return new Attempt<>(
                null, new SchemaRegistryException(status, error.code() != null ? error.code() : status, message), null);
    }

    private void markReachable() {
        if (health.snapshot().status() == RegistryHealth.Status.UNREACHABLE) {
            log.info("Schema registry {} answers again", baseUrls);
        }
        health.reachable();
    }

    private void markUnreachable(String error) {
        if (health.snapshot().status() != RegistryHealth.Status.UNREACHABLE) {
            log.warn("Schema registry {} unreachable: {}; records that need it wait for it", baseUrls, error);
        }
        health.unreachable(error);
    }

    private void startProbe(Call<?> call) {
        if (closed || !probing.compareAndSet(false, true)) {
            return;
        }
        scheduleProbe(call);
    }

    private synchronized void scheduleProbe(Call<?> call) {
        if (closed) {
            probing.set(false);
            return;
        }
        if (prober == null) {
            prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "schema-registry-probe");
                thread.setDaemon(true);
                return thread;
            });
        }
        prober.schedule(() -> probe(call), settings.retryBackoffMax().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe(Call<?> call) {
        Attempt<?> attempt;
        try {
            attempt = attempt(call);
        } catch (RuntimeException e) {
            attempt = new Attempt<>(null, null, e);
        }
        if (attempt.answered()) {
            probing.set(false);
            markReachable();
        } else {
            health.unreachable(describe(attempt.transientFailure()));
            scheduleProbe(call);
        }
    }

    // ---- bodies

    private record ErrorBody(Integer code, String message) {

        static ErrorBody parse(ObjectMapper mapper, byte[] body, int status) {
            try {
                JsonNode json = mapper.readTree(body);
                if (json != null && json.isObject()) {
                    JsonNode code = json.get("error_code");
                    JsonNode message = json.get("message");
                    return new ErrorBody(
                            code != null && code.canConvertToInt() ? code.intValue() : null,
                            message != null ? message.asText() : json.toString());
                }
            } catch (IOException e) {
                // Not JSON: a proxy's or a wrong server's page.
            }
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return new ErrorBody(null, text.isEmpty() ? "(no body)" : abbreviate(text));
        }
    }

    private Schema parseSchemaAnswer(int id, JsonNode body) {
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !"AVRO".equals(type.asText())) {
            throw new UnusableSchemaException("Schema " + id + " is a " + type.asText() + " schema, not Avro");
        }
        JsonNode references = body.get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw new UnusableSchemaException("Schema " + id + " references other schemas, which are not supported");
        }
        JsonNode text = body.get("schema");
        if (text == null || !text.isTextual()) {
            throw new UnusableSchemaException("Schema " + id + ": answer without a schema");
        }
        try {
            return new Schema.Parser().parse(text.textValue());
        } catch (SchemaParseException e) {
            throw new UnusableSchemaException("Schema " + id + " does not parse as Avro: " + e.getMessage());
        }
    }

    private String schemaBody(Schema schema) {
        ObjectNode body = mapper.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static int requiredInt(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(200, 0, "Answer without '" + field + "': " + abbreviate(body.toString()));
        }
        return value.intValue();
    }

    // ---- helpers

    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() >= CACHE_CAPACITY) {
            cache.clear();
        }
        cache.put(key, value);
    }

    private static String cacheKey(String subject, Schema schema) {
        return subject + '\u0000' + SchemaNormalization.toParsingForm(schema);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long jitter(long backoffMs) {
        return Math.max(
                1, (long) (backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    private static String describe(Exception failure) {
        if (failure == null) {
            return "no answer";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** The URL without user info (sent as a header instead) and without a trailing slash. */
    private static String baseUrl(URI url) {
        try {
            URI plain = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
            String text = plain.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Bad schema registry URL " + url, e);
        }
    }
}
