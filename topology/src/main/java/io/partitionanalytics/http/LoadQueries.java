package io.partitionanalytics.http;

import io.partitionanalytics.load.Json;
import io.partitionanalytics.load.LoadMergeProcessor;
import io.partitionanalytics.load.StrategyLoadHistory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
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

    private final KafkaStreams streams;
    private final HostInfo self;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LoadQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** The strategy's history, wherever it is; empty when no window of it has closed yet. */
    public Optional<StrategyLoadHistory> history(String strategy) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(
                LoadMergeProcessor.HISTORY_STORE, strategy, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new UnavailableException("no instance holds the loads of '" + strategy + "' right now", null);
        }
        HostInfo active = metadata.activeHost();
        if (active == null || active.equals(self) || active.equals(HostInfo.unavailable())) {
            return localHistory(strategy);
        }
        return remoteHistory(active, strategy);
    }

    /** The strategy's history from this instance's stores only (what other instances ask for). */
    public Optional<StrategyLoadHistory> localHistory(String strategy) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters.fromNameAndType(
                    LoadMergeProcessor.HISTORY_STORE, QueryableStoreTypes.keyValueStore()));
            byte[] value = store.get(strategy);
            return value == null ? Optional.empty() : Optional.of(Json.fromBytes(value, StrategyLoadHistory.class));
        } catch (InvalidStateStoreException e) {
            throw new UnavailableException("the load store is not queryable right now (" + e.getMessage() + ")", e);
        }
    }

    private Optional<StrategyLoadHistory> remoteHistory(HostInfo host, String strategy) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + HttpApi.LOCAL_HISTORY_PATH + "?strategy="
                + URLEncoder.encode(strategy, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> response = http.send(
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
            return Optional.of(Json.fromBytes(response.body(), StrategyLoadHistory.class));
        } catch (IOException e) {
            throw new UnavailableException("instance " + host + " holding '" + strategy + "' is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }
}
