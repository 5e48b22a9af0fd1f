package io.partitionanalytics.serde.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Whether the schema registry answers, for health checks and for the application, which pauses processing while it
 * does not. Updated by {@link SchemaRegistryClient} after every request: any answer of the registry (a schema, or a
 * definitive error such as "schema not found") counts as reachable; a request that still fails after its retries
 * (connection refused, timeouts, 5xx, 429, 401/403) makes it unreachable until a later request or a background probe
 * gets an answer.
 */
public final class RegistryHealth {

    public enum Status {
        /** No {@code schema.registry.url}: nothing depends on a registry. */
        NOT_CONFIGURED,
        /** Configured, not asked yet. */
        UNKNOWN,
        REACHABLE,
        /** The last request failed after all its retries; records that need the registry wait for it. */
        UNREACHABLE
    }

    /**
     * @param since when the registry entered this status
     * @param lastError the failure that made it unreachable (null otherwise)
     */
    public record Snapshot(Status status, Instant since, String lastError) {

        /** False only while the registry is unreachable. */
        public boolean healthy() {
            return status != Status.UNREACHABLE;
        }
    }

    private final Clock clock;
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;

    private RegistryHealth(Status initial, Clock clock) {
        this.clock = clock;
        this.current = new Snapshot(initial, clock.instant(), null);
    }

    public static RegistryHealth notConfigured() {
        return new RegistryHealth(Status.NOT_CONFIGURED, Clock.systemUTC());
    }

    public static RegistryHealth configured() {
        return new RegistryHealth(Status.UNKNOWN, Clock.systemUTC());
    }

    public Snapshot snapshot() {
        return current;
    }

    public boolean isHealthy() {
        return current.healthy();
    }

    /** Called with the new snapshot on every change of status (on the thread that observed the change). */
    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    void reachable() {
        transition(Status.REACHABLE, null);
    }

    void unreachable(String error) {
        transition(Status.UNREACHABLE, error);
    }

    private void transition(Status status, String error) {
        Snapshot next;
        synchronized (this) {
            if (current.status() == status) {
                if (status == Status.UNREACHABLE) {
                    // Keep the start of the outage, report the latest error.
                    current = new Snapshot(status, current.since(), error);
                }
                return;
            }
            next = new Snapshot(status, clock.instant(), error);
            current = next;
        }
        for (Consumer<Snapshot> listener : listeners) {
            listener.accept(next);
        }
    }
}
