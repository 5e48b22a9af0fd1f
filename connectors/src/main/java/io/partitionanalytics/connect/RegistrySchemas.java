package io.partitionanalytics.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * Writer schemas by id from a Confluent-compatible schema registry ({@code GET /schemas/ids/{id}}), cached for good
 * (an id never changes its schema). Tries each URL in turn. An unreachable registry or a 5xx answer is a {@link
 * RetriableException} (Connect retries it as {@code errors.retry.timeout} says); an id the registry does not know, or
 * a schema that is not Avro, is a {@link DataException}.
 */
final class RegistrySchemas {

    static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private final List<URI> urls;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    RegistrySchemas(List<URI> urls, String basicAuthUserInfo, Duration requestTimeout) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL");
        }
        this.urls = List.copyOf(urls);
        this.authorization = basicAuthUserInfo == null || basicAuthUserInfo.isEmpty()
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicAuthUserInfo.getBytes(StandardCharsets.UTF_8));
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    Schema byId(int id) {
        Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        Schema fetched = fetch(id);
        byId.putIfAbsent(id, fetched);
        return fetched;
    }

    private Schema fetch(int id) {
        RetriableException unavailable = null;
        for (URI base : urls) {
            URI uri = URI.create(stripSlash(base.toString()) + "/schemas/ids/" + id);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Accept", ACCEPT)
                    .GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                unavailable = new RetriableException("Schema registry " + base + " unreachable: " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("Interrupted while asking " + uri, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return parse(id, uri, response.body());
            }
            if (status >= 500 || status == 408 || status == 429) {
                unavailable = new RetriableException(
                        "Schema registry answered " + status + " to GET " + uri + ": " + abbreviate(response.body()));
                continue;
            }
            throw new DataException("Schema registry answered " + status + " to GET " + uri
                    + " (writer schema id " + id + "): " + abbreviate(response.body())
                    + (status == 401 || status == 403 ? "; check basic.auth.user.info" : ""));
        }
        throw unavailable;
    }

    private Schema parse(int id, URI uri, String body) {
        try {
            JsonNode node = mapper.readTree(body);
            String type = node.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new DataException(
                        "Writer schema id " + id + " is a " + type + " schema, not Avro (GET " + uri + ")");
            }
            JsonNode schema = node.get("schema");
            if (schema == null || !schema.isTextual()) {
                throw new DataException("No 'schema' in the registry's answer to GET " + uri + ": " + abbreviate(body));
            }
            return new Schema.Parser().parse(schema.asText());
        } catch (IOException | SchemaParseException e) {
            throw new DataException(
                    "Cannot read writer schema id " + id + " from GET " + uri + ": " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
