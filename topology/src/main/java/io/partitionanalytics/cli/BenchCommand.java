package io.partitionanalytics.cli;

import io.partitionanalytics.bench.BrokerProcess;
import io.partitionanalytics.bench.ThroughputBenchmark;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: end-to-end throughput against a plain consumer and a naive Streams topology, in one run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Measure end-to-end throughput on a real broker: (a) a plain KafkaConsumer, (b) a naive Kafka "
                + "Streams topology for one strategy, (c) this pipeline with every default strategy; same topic, "
                + "same run.")
final class BenchCommand implements Callable<Integer> {

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

    @Override
    public Integer call() throws Exception {
        Path stateDir = Files.createTempDirectory("partition-analytics-bench-");
        if (bootstrapServers != null) {
            run(bootstrapServers, stateDir);
            return 0;
        }
        if (inProcessBroker) {
            try (EmbeddedKafkaBroker broker =
                    EmbeddedKafkaBroker.builder().build().start()) {
                System.out.println("In-process broker at " + broker.bootstrapServers());
                run(broker.bootstrapServers(), stateDir);
            }
            return 0;
        }
        try (BrokerProcess broker = BrokerProcess.start(brokerPort, "1g")) {
            System.out.println("Broker (separate JVM, 1 GB heap) at " + broker.bootstrapServers());
            run(broker.bootstrapServers(), stateDir);
        }
        return 0;
    }

    private void run(String bootstrap, Path stateDir) throws Exception {
        new ThroughputBenchmark(
                        new ThroughputBenchmark.Options(bootstrap, events, partitions, channels, guarantee, stateDir),
                        System.out)
                .run();
    }
}
