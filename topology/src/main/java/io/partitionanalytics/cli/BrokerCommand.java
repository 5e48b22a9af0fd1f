package io.partitionanalytics.cli;

import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code broker}: a real single-node Kafka broker (KRaft) on this machine, for trying things out. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Start a real single-node Kafka broker (KRaft, in this process) and keep it running until Ctrl-C.")
final class BrokerCommand implements Callable<Integer> {

    @Option(
            names = "--data-dir",
            description = "Keep the broker's data here (kept on exit; reused on the next start). "
                    + "Default: a fresh temporary directory, deleted on exit.")
    Path dataDir;

    @Option(names = "--port", description = "Client port. Default: ${DEFAULT-VALUE}.", defaultValue = "9092")
    int port;

    @Option(
            names = "--host",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.",
            defaultValue = "127.0.0.1")
    String host;

    @Option(
            names = "--topic",
            description = "Create a topic on start, as NAME:PARTITIONS (repeatable), e.g. message-events:12.")
    List<String> topics = List.of();

    @Override
    public Integer call() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .dataDir(dataDir)
                .host(host)
                .port(port)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    System.out.println("Stopping the broker...");
                    broker.close();
                    stopped.countDown();
                },
                "broker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        broker.start();
        for (String spec : topics) {
            String[] parts = spec.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--topic must be NAME:PARTITIONS, got '" + spec + "'");
            }
            int partitions = TopicAdmin.ensureTopic(
                    TopicAdmin.clientProps(broker.bootstrapServers()), parts[0], Integer.parseInt(parts[1]), Map.of());
            System.out.println("Topic " + parts[0] + " has " + partitions + " partitions");
        }
        System.out.println("Kafka broker ready. bootstrap.servers=" + broker.bootstrapServers());
        System.out.println("Data in " + broker.dataDir() + (dataDir == null ? " (deleted on exit)" : ""));
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
