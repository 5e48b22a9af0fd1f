package io.partitionanalytics.simulate;

import io.partitionanalytics.generate.KeyDistribution;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Synthetic traces for trying strategies without production data: keys drawn from the load generator's distributions
 * ({@code uniform}, {@code zipf:<s>}, {@code sequential-time}) over {@code c-0 .. c-<channels-1>}, event times at a
 * steady rate from a fixed start, payloads of 100 to 999 bytes. The same settings always give the same trace, so that
 * a README figure can be reproduced exactly.
 *
 * @param events how many events
 * @param channels distinct keys to draw from
 * @param distribution as {@link KeyDistribution#parse}
 * @param seed random seed of keys and sizes
 * @param startMs event time of the first event
 * @param eventsPerSecond event-time rate (events are spaced 1000 / rate ms apart)
 */
public record TraceGenerator(
        long events, int channels, String distribution, long seed, long startMs, double eventsPerSecond) {

    /** 2025-01-01T00:00:00Z: a fixed start keeps generated traces identical from run to run. */
    public static final long DEFAULT_START_MS = 1_735_689_600_000L;

    static final int MIN_BYTES = 100;
    static final int MAX_BYTES = 999;

    public TraceGenerator {
        if (events < 0) {
            throw new IllegalArgumentException("the number of events to generate must be >= 0, got " + events);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, got " + channels);
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("the event rate must be > 0, got " + eventsPerSecond);
        }
        KeyDistribution.parse(distribution, channels); // fail now, naming the bad value
    }

    /** Feeds every event to {@code sink}, in time order. */
    public void generate(Consumer<TraceEvent> sink) {
        KeyDistribution keys = KeyDistribution.parse(distribution, channels);
        SplittableRandom random = new SplittableRandom(seed);
        double spacingMs = 1000.0 / eventsPerSecond;
        for (long i = 0; i < events; i++) {
            byte[] key = keys.key(keys.next(random)).getBytes(StandardCharsets.UTF_8);
            long timestamp = startMs + (long) Math.floor(i * spacingMs);
            long bytes = MIN_BYTES + random.nextInt(MAX_BYTES - MIN_BYTES + 1);
            sink.accept(new TraceEvent(key, timestamp, bytes, Double.NaN, Double.NaN));
        }
    }
}
