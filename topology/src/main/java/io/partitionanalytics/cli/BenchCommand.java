package io.partitionanalytics.cli;

import io.partitionanalytics.bench.BrokerProcess;
import io.partitionanalytics.bench.CoreLoopBenchmark;
import io.partitionanalytics.bench.DetectionLatencyBenchmark;
import io.partitionanalytics.bench.MemoryFootprintBenchmark;
import io.partitionanalytics.bench.ThroughputBenchmark;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.utils.Utils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}: end-to-end throughput against a plain consumer and a naive Streams topology, in one run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Measure end-to-end throughput on a real broker: (a) a plain KafkaConsumer, (b) a naive Kafka "
                + "Streams topology for one strategy, (c) this pipeline with every default strategy; same topic, "
                + "same run.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--events",
            defaultValue = "2000000",
            description = "Events to write and read. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--partitions", defaultValue = "12", description = "Input partitions. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--channels", defaultValue = "100000", description = "Distinct keys. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--guarantee",
            defaultValue = "exactly_once_v2",
            description = "processing.guarantee of (b) and " + "(c). Default: ${DEFAULT-VALUE}.")
    String guarantee;

    @Option(
            names = {"-b", "--bootstrap-server"},
            description = "Use this cluster instead of a local broker.")
    String bootstrapServers;

    @Option(
            names = "--in-process-broker",
            description = "Run the local broker in this JVM instead of a separate one (it then competes for this "
                    + "JVM's heap and GC).")
    boolean inProcessBroker;

    @Option(
            names = "--broker-port",
            defaultValue = "29092",
            description = "Port of the local broker. Default: ${DEFAULT-VALUE}.")
    int brokerPort;

    @Option(
            names = "--latency-runs",
            defaultValue = "0",
            description = "Instead of throughput: measure detection "
                    + "latency (hot-channel onset -> OPEN alert) this many times, and report median and p95.")
    int latencyRuns;

    @Option(
            names = "--latency-strategy",
            defaultValue = "observed",
            description = "Strategy whose OPEN alert ends a " + "latency run. Default: ${DEFAULT-VALUE}.")
    String latencyStrategy;

    @Option(
            names = "--rate",
            defaultValue = "2000",
            description = "Events per second in latency runs. Default: " + "${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--set",
            description = "A pipeline setting for (c) and for latency runs, as key=value (repeatable), e.g. --set "
                    + "num.stream.threads=2.")
    Map<String, String> settings = new HashMap<>();

    @Option(
            names = "--core",
            description = "Instead of throughput: time the per-event core alone (no Kafka) on --events pre-built "
                    + "events over --channels keys with --distribution, one thread.")
    boolean core;

    @Option(
            names = "--distribution",
            defaultValue = "uniform",
            description = "Keys of --core: uniform, zipf:<s> or sequential-time. Default: ${DEFAULT-VALUE}.")
    String distribution;

    @Option(
            names = "--memory",
            description = "Instead of throughput: run the pipeline in its own JVM with "
                    + "--memory-heap, every strategy over --partitions partitions, while every event carries a new key at "
                    + "--rate per second for --memory-duration; report its peak heap.")
    boolean memory;

    @Option(
            names = "--memory-heap",
            defaultValue = "512m",
            description = "-Xmx of the pipeline in --memory. Default: " + "${DEFAULT-VALUE}.")
    String memoryHeap;

    @Option(
            names = "--memory-duration",
            defaultValue = "3m",
            description = "Length of --memory. Default: " + "${DEFAULT-VALUE}.")
    java.time.Duration memoryDuration;

    @Option(
            names = "--fork",
            negatable = true,
            defaultValue = "true",
            description = "Measure each of (a)-(d) in a JVM of its own, started with this one's options, so that the "
                    + "JIT's work for one does not shape the next (as JMH forks). --no-fork: all in this JVM.")
    boolean fork;

    @Option(
            names = "--rounds",
            defaultValue = "1",
            description = "Measure (a)-(d) this many times over the same topic, in an order that changes from "
                    + "round to round (a b c d, b d a c, d c b a, c a d b, again), and end with the median of each "
                    + "figure and ratio and their spread (the machine's noise). Default: ${DEFAULT-VALUE}.")
    int rounds;

    /** Set in a forked contender's JVM: measure only this one, over {@link #topic}, and print its rate. */
    @Option(names = "--contender", hidden = true)
    String contender;

    @Option(names = "--topic", hidden = true)
    String topic;

    /** Set in a forked contender's JVM: the round it measures (its group id). */
    @Option(names = "--round", hidden = true, defaultValue = "1")
    int round;

    @Override
    public Integer call() throws Exception {
        if (contender != null) {
            if (bootstrapServers == null || topic == null) {
                throw new ParameterException(spec.commandLine(), "--contender needs --bootstrap-server and --topic");
            }
            Path stateDir = Files.createTempDirectory("partition-analytics-bench-");
            try {
                ThroughputBenchmark.Rate rate = throughput(bootstrapServers, stateDir)
                        .measure(ThroughputBenchmark.Contender.ofLetter(contender), topic, round);
                System.out.println(ThroughputBenchmark.rateLine(rate));
            } finally {
                Utils.delete(stateDir.toFile());
            }
            return 0;
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, not " + rounds);
        }
        if (rounds > 1 && (core || memory || latencyRuns > 0)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--rounds is for the throughput benchmark, not --core, --memory or --latency-runs");
        }
        if (core) {
            System.out.printf(
                    "Per-event core: %s over %,d keys, %d partitions, %,d events, 7 strategies%n",
                    distribution, channels, partitions, Math.min(events, 5_000_000));
            new CoreLoopBenchmark(System.out)
                    .run(distribution, channels, partitions, (int) Math.min(events, 5_000_000), 5);
            return 0;
        }
        // The contenders' state directories (a few hundred KB each) go with the run, whatever its outcome.
        Path stateDir = Files.createTempDirectory("partition-analytics-bench-");
        try {
            if (bootstrapServers != null) {
                run(bootstrapServers, stateDir);
            } else if (inProcessBroker) {
                try (EmbeddedKafkaBroker broker =
                        EmbeddedKafkaBroker.builder().build().start()) {
                    System.out.println("In-process broker at " + broker.bootstrapServers());
                    run(broker.bootstrapServers(), stateDir);
                }
            } else {
                try (BrokerProcess broker = BrokerProcess.start(brokerPort, "1g")) {
                    System.out.println("Broker (separate JVM, 1 GB heap) at " + broker.bootstrapServers());
                    run(broker.bootstrapServers(), stateDir);
                }
            }
        } finally {
            Utils.delete(stateDir.toFile());
        }
        return 0;
    }

    private void run(String bootstrap, Path stateDir) throws Exception {
        if (memory) {
            System.out.printf(
                    "Memory: pipeline with -Xmx%s, %d partitions per strategy, %.0f new keys/s for %s%n",
                    memoryHeap, partitions, rate, memoryDuration);
            MemoryFootprintBenchmark.Result result = new MemoryFootprintBenchmark(bootstrap, stateDir, System.out)
                    .run(partitions, rate, memoryDuration, memoryHeap);
            System.out.printf(
                    "  %,d events (all distinct keys); peak heap used %.0f MB, peak live data after GC %.0f "
                            + "MB; pipeline %s%n",
                    result.events(),
                    result.peakHeapUsed() / 1e6,
                    result.peakLiveData() / 1e6,
                    result.survived() ? "still running" : "DIED (see pipeline.log)");
            return;
        }
        if (latencyRuns > 0) {
            System.out.printf(
                    "Detection latency, %d runs, %.0f events/s, settings %s:%n",
                    latencyRuns, rate, settings.isEmpty() ? "default" : settings);
            new DetectionLatencyBenchmark(bootstrap, stateDir, System.out, settings)
                    .run(latencyRuns, rate, latencyStrategy);
            return;
        }
        throughput(bootstrap, stateDir).run();
    }

    private ThroughputBenchmark throughput(String bootstrap, Path stateDir) {
        return new ThroughputBenchmark(
                new ThroughputBenchmark.Options(
                        bootstrap, events, partitions, channels, guarantee, stateDir, settings, fork, rounds),
                System.out);
    }
}
