package io.partitionanalytics.generate;

import java.time.Duration;

/**
 * What the load generator writes.
 *
 * @param rate events per second, 0 for as fast as possible
 * @param count stop after this many events (0: no limit)
 * @param duration stop after this long (null: no limit)
 * @param hotChannel the key that becomes hot (null: none)
 * @param hotShare the share of all events that go to the hot channel once it is hot, 0..1
 * @param hotAfter when the hot channel starts, after the generator's start
 */
public record GeneratorOptions(
        String topic,
        double rate,
        long count,
        Duration duration,
        int channels,
        String distribution,
        String hotChannel,
        double hotShare,
        Duration hotAfter,
        long seed) {

    public GeneratorOptions {
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must be >= 0, got " + rate);
        }
        if (count < 0) {
            throw new IllegalArgumentException("--count must be >= 0, got " + count);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("--channels must be > 0, got " + channels);
        }
        if (hotChannel != null && !(hotShare > 0 && hotShare <= 1)) {
            throw new IllegalArgumentException("--hot-channel share must be in (0, 1], got " + hotShare);
        }
        if (count == 0 && duration == null) {
            throw new IllegalArgumentException("give --count or --duration, or the generator never stops");
        }
        KeyDistribution.parse(distribution, channels);
    }
}
