package io.partitionanalytics.benchmarks;

import com.uber.h3core.H3Core;
import io.partitionanalytics.partitioners.strategy.GeoStrategy;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the geo strategy's time goes: H3's {@code latLngToCell} (a JNI call into the C library) alone, against the
 * whole strategy (that call, plus hashing the cell). Resolution 3, the strategy's default; points cycle through 4096
 * random locations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GeoBenchmark {

    private static final int POINTS = 4096;
    private static final byte[] KEY = {1, 2, 3, 4, 5, 6, 7, 8};

    private H3Core h3;
    private GeoStrategy geo;
    private double[] latitudes;
    private double[] longitudes;
    private int next;

    @Setup
    public void setUp() throws IOException {
        h3 = H3Core.newInstance();
        geo = new GeoStrategy(12, 3);
        SplittableRandom random = new SplittableRandom(3);
        latitudes = new double[POINTS];
        longitudes = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            latitudes[i] = random.nextDouble(-60, 70);
            longitudes[i] = random.nextDouble(-180, 180);
        }
    }

    @Benchmark
    public long h3LatLngToCell_res3() {
        next = (next + 1) & (POINTS - 1);
        return h3.latLngToCell(latitudes[next], longitudes[next], 3);
    }

    @Benchmark
    public int geoStrategy_res3() {
        next = (next + 1) & (POINTS - 1);
        return geo.partition(KEY, 0L, latitudes[next], longitudes[next]);
    }
}
