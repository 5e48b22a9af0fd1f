package io.partitionanalytics.benchmarks;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the pipeline pays per event: every strategy's partition for one event ({@code allStrategies}; {@code
 * allStrategies_noLocation} for events without latitude/longitude), and each strategy alone ({@code oneStrategy}, by
 * {@code strategy} parameter). 12 partitions, default options, a directory with two
 * entries; events cycle through 4096 pre-built channel keys, timestamps and locations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AssignBenchmark {

    private static final int EVENTS = 4096;
    private static final int PARTITIONS = 12;

    /** Pre-built events, cycled through. */
    @State(Scope.Thread)
    public static class Events {
        byte[][] keys;
        long[] timestamps;
        double[] latitudes;
        double[] longitudes;
        int next;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(42);
            keys = new byte[EVENTS][];
            timestamps = new long[EVENTS];
            latitudes = new double[EVENTS];
            longitudes = new double[EVENTS];
            for (int i = 0; i < EVENTS; i++) {
                keys[i] = ("channel-" + random.nextInt(1_000_000)).getBytes(StandardCharsets.UTF_8);
                timestamps[i] = 1_700_000_000_000L + random.nextLong(86_400_000L);
                latitudes[i] = random.nextDouble(-60, 70);
                longitudes[i] = random.nextDouble(-180, 180);
            }
        }

        int advance() {
            next = (next + 1) & (EVENTS - 1);
            return next;
        }
    }

    /** Every function strategy, as the pipeline configures them by default. */
    @State(Scope.Thread)
    public static class AllStrategies {
        PartitionStrategy[] all;

        @Setup
        public void setUp() {
            List<String> names = Strategies.names();
            all = new PartitionStrategy[names.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = Strategies.create(names.get(i), PARTITIONS, options(names.get(i)));
            }
        }
    }

    /** One strategy, by name. */
    @State(Scope.Thread)
    public static class OneStrategy {
        @Param({
            "kafka-default",
            "murmur3-channel",
            "time-bucket",
            "channel-bucket",
            "consistent-hash",
            "jump",
            "range",
            "directory",
            "geo"
        })
        public String strategy;

        PartitionStrategy one;

        @Setup
        public void setUp() {
            one = Strategies.create(strategy, PARTITIONS, options(strategy));
        }
    }

    private static Map<String, String> options(String name) {
        return name.equals("directory") ? Map.of("entries", "channel-1=3,channel-2=4") : Map.of();
    }

    @Benchmark
    public int allStrategies(Events events, AllStrategies strategies) {
        int i = events.advance();
        byte[] key = events.keys[i];
        long t = events.timestamps[i];
        double lat = events.latitudes[i];
        double lng = events.longitudes[i];
        int sum = 0;
        for (PartitionStrategy s : strategies.all) {
            sum += s.partition(key, t, lat, lng);
        }
        return sum;
    }

    /** The same, for an event without a location (geo then places it by its key's murmur3 hash). */
    @Benchmark
    public int allStrategies_noLocation(Events events, AllStrategies strategies) {
        int i = events.advance();
        byte[] key = events.keys[i];
        long t = events.timestamps[i];
        int sum = 0;
        for (PartitionStrategy s : strategies.all) {
            sum += s.partition(key, t, Double.NaN, Double.NaN);
        }
        return sum;
    }

    @Benchmark
    public int oneStrategy(Events events, OneStrategy strategy) {
        int i = events.advance();
        return strategy.one.partition(events.keys[i], events.timestamps[i], events.latitudes[i], events.longitudes[i]);
    }
}
