package io.partitionanalytics.benchmarks;

import io.partitionanalytics.bench.CoreWorkload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's per-event core without Kafka: {@code EventCombiner.add} of one event under the 7 default strategies
 * over 12 partitions (exact counts and bytes, HLL distinct keys, heavy-key sketches, the window key cache), through
 * {@link CoreWorkload} — the same work as {@code partition-analytics bench --core}. Events cycle through 1 Mi
 * pre-built ones; each iteration starts a new window, as the pipeline does every {@code window.size.ms}. The issue's
 * goal is 2 M events/s per core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class EventCombinerBenchmark {

    private static final int EVENTS = 1 << 20;

    /** Key distribution and distinct keys: {@code <distribution>/<keys>}. */
    @Param({"uniform/1000", "zipf:1.0/100000", "uniform/100000"})
    public String traffic;

    private CoreWorkload workload;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = traffic.split("/");
        workload = new CoreWorkload(parts[0], Integer.parseInt(parts[1]), 12, EVENTS);
    }

    @Setup(Level.Iteration)
    public void newWindow() {
        workload.newWindow();
        next = 0;
    }

    /** Events per second. */
    @Benchmark
    public void add() {
        workload.add(next);
        next = (next + 1) & (EVENTS - 1);
    }
}
