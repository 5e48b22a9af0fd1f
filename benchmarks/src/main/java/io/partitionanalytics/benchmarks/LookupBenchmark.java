package io.partitionanalytics.benchmarks;

import com.google.common.hash.Hashing;
import io.partitionanalytics.partitioners.hash.ConsistentHashRing;
import io.partitionanalytics.partitioners.hash.JumpHash;
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
 * Consistent-hash ring lookup at 1000 nodes x 256 vnodes (256 000 vnodes, 3 MB of arrays) and jump hash at N = 1000,
 * ours and Guava's.
 * Each call takes the next of 64 Ki pre-drawn random positions, so ring lookups land all over the ring (cache misses
 * included) instead of re-reading one hot path; the cycling costs about a nanosecond and is the same for both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LookupBenchmark {

    private static final int POSITIONS = 1 << 16;

    private ConsistentHashRing ring;
    private long[] positions;
    private int next;

    @Setup
    public void setUp() {
        ring = ConsistentHashRing.ofNodes(1000, 256, 0);
        SplittableRandom random = new SplittableRandom(1000);
        positions = new long[POSITIONS];
        for (int i = 0; i < POSITIONS; i++) {
            positions[i] = random.nextLong();
        }
    }

    @Benchmark
    public int ringLookup_1000x256() {
        next = (next + 1) & (POSITIONS - 1);
        return ring.ownerOf(positions[next]);
    }

    @Benchmark
    public int jump_1000() {
        next = (next + 1) & (POSITIONS - 1);
        return JumpHash.bucket(positions[next], 1000);
    }

    /** The peer: Guava's implementation of the same function, on the same keys. */
    @Benchmark
    public int jump_1000_guava() {
        next = (next + 1) & (POSITIONS - 1);
        return Hashing.consistentHash(positions[next], 1000);
    }
}
