package io.partitionanalytics.http;

import io.partitionanalytics.advice.RebalanceAdvisorProcessor;
import io.partitionanalytics.analysis.advice.Recommendation;
import io.partitionanalytics.analysis.detect.AlertLog;
import io.partitionanalytics.hotspot.HotspotDetectorProcessor;
import io.partitionanalytics.load.Json;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.load.PartialsPartitioner;
import io.partitionanalytics.load.StrategyLoadHistory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a strategy's loads from the instance that holds them: this one (its local store) or another instance of the
 * same application (over HTTP, at the address it advertises as {@code application.server}).
 */
public final class LoadQueries {

    /** Thrown while the store cannot answer (rebalancing, restoring): try again shortly. */
    public static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The strategy-keyed stores the API reads (and other instances may ask for). */
    static final Set<String> STORES = Set.of(
            LoadMergeProcessor.HISTORY_STORE,
            HotspotDetectorProcessor.ALERTS_STORE,
            RebalanceAdvisorProcessor.RECOMMENDATIONS_STORE);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PartialsPartitioner routing;
    private final int mergePartitions;

    /**
     * The client that asks other instances, built on first use (by the JVM's class initialisation, so once and
     * thread-safely): building one sets up TLS (~0.3 s here), which a single instance, the common case, never needs.
     * (Should the JVM's TLS settings be broken, the first remote query fails with their error instead of start-up.)
     */
    private static final class RemoteClient {
        static final HttpClient HTTP =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /**
     * @param routing how partials reach the merge tasks: a strategy's stores live in the merge task its partials go to
     *     (not where the strategy name's default hash would put them: window-stable strategies share their carrier's)
     * @param mergePartitions the merge sub-topology's partition count ({@code merge.partitions}, resolved)
     */
    public LoadQueries(KafkaStreams streams, HostInfo self, PartialsPartitioner routing, int mergePartitions) {
        this.streams = streams;
        this.self = self;
        this.routing = routing;
        this.mergePartitions = mergePartitions;
    }

    /** The strategy's loads, wherever they are; empty when no window of it has closed yet. */
    public Optional<StrategyLoadHistory> history(String strategy) {
        return get(LoadMergeProcessor.HISTORY_STORE, strategy)
                .map(json -> Json.fromBytes(json, StrategyLoadHistory.class));
    }

    /** The strategy's open and recent alerts, wherever they are; empty when it never had one. */
    public Optional<AlertLog> alerts(String strategy) {
        return get(HotspotDetectorProcessor.ALERTS_STORE, strategy).map(json -> Json.fromBytes(json, AlertLog.class));
    }

    /** The strategy's recent recommendations, newest last, wherever they are. */
    public List<Recommendation> recommendations(String strategy) {
        return get(RebalanceAdvisorProcessor.RECOMMENDATIONS_STORE, strategy)
                .map(json -> List.of(Json.fromBytes(json, Recommendation[].class)))
                .orElse(List.of());
    }

    /** A strategy's JSON value in one of the {@link #STORES}, from whichever instance holds it. */
    Optional<byte[]> get(String store, String strategy) {
        if (!STORES.contains(store)) {
            throw new IllegalArgumentException("unknown store '" + store + "'");
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(
                    store, strategy, (topic, key, value, n) -> Optional.of(Set.of(routing.partitionOf(key, n))));
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // Not started yet (the HTTP port opens first, to be advertised), or stopping: answer 503, not 500.
            throw new UnavailableException("Kafka Streams is not running (" + e.getMessage() + ")", e);
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new UnavailableException("no instance holds '" + strategy + "' right now", null);
        }
        HostInfo active = metadata.activeHost();
        if (active == null || active.equals(self) || active.equals(HostInfo.unavailable())) {
            return getLocal(store, strategy);
        }
        return getRemote(active, store, strategy);
    }

    /** A strategy's value from this instance's stores only (what other instances ask for). */
    Optional<byte[]> getLocal(String store, String strategy) {
        if (!STORES.contains(store)) {
            throw new IllegalArgumentException("unknown store '" + store + "'");
        }
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, byte[]>> query = StoreQueryParameters.fromNameAndType(
                            store, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(routing.partitionOf(strategy, mergePartitions));
            ReadOnlyKeyValueStore<String, byte[]> values = streams.store(query);
            return Optional.ofNullable(values.get(strategy));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException(store + " is not queryable right now (" + e.getMessage() + ")", e);
        }
    }

    private Optional<byte[]> getRemote(HostInfo host, String store, String strategy) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + HttpApi.LOCAL_STORE_PATH + "?store="
                + URLEncoder.encode(store, StandardCharsets.UTF_8) + "&strategy="
                + URLEncoder.encode(strategy, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> response = RemoteClient.HTTP.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new UnavailableException(
                        "instance " + host + " answered " + response.statusCode() + " for '" + strategy + "'", null);
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            throw new UnavailableException("instance " + host + " holding '" + strategy + "' is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }
}
