package io.partitionanalytics.benchmarks;

import io.partitionanalytics.partitioners.hash.Murmur3;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.MurmurHash3;
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
 * Murmur3 on a 16-byte key (a typical channel id), ours against commons-codec in the same run. The key is a non-final
 * state field, so the JIT cannot fold the hash into a constant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Murmur3Benchmark {

    private byte[] key;
    private int seed;
    private long[] out;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(16);
        key = new byte[16];
        random.nextBytes(key);
        seed = 0;
        out = new long[2];
    }

    @Benchmark
    public int x86_32_ours() {
        return Murmur3.hash32x86(key, 0, key.length, seed);
    }

    @Benchmark
    public int x86_32_commonsCodec() {
        return MurmurHash3.hash32x86(key, 0, key.length, seed);
    }

    @Benchmark
    public long x64_128_h1_ours() {
        return Murmur3.hash128x64H1(key, 0, key.length, seed);
    }

    @Benchmark
    public long[] x64_128_both_ours() {
        Murmur3.hash128x64(key, 0, key.length, seed, out);
        return out;
    }

    @Benchmark
    public long[] x64_128_commonsCodec() {
        return MurmurHash3.hash128x64(key, 0, key.length, seed);
    }
}
