package io.partitionanalytics.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running inside this JVM.
 *
 * <p>It is the broker of {@code broker} and {@code demo} and of the integration tests: the same classes as a
 * production broker ({@code kafka.server.KafkaRaftServer}), with settings sized for one node. The data directory is
 * formatted on first start and reused on later starts, so a broker can be stopped and started again on the same data
 * (with the same ports) to simulate an outage.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_USER = "broker";

    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private final String host;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    /** SASL/PLAIN users (name -> password) when the client listener is SASL_PLAINTEXT; null: PLAINTEXT. */
    private final Map<String, String> saslUsers;
    /** The broker's own inter-broker identity on a SASL listener (random, never shown). */
    private final String brokerPassword = Uuid.randomUuid().toString();

    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder builder) {
        this.deleteDataOnClose = builder.dataDir == null;
        this.dataDir = builder.dataDir != null ? builder.dataDir : createTempDir();
        this.host = builder.host;
        this.brokerPort = builder.port != 0 ? builder.port : FreePort.on(builder.host);
        this.controllerPort = FreePort.on(builder.host);
        this.overrides = Map.copyOf(builder.overrides);
        this.saslUsers = builder.saslUsers == null ? null : Map.copyOf(builder.saslUsers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory if it is new, starts the broker and waits until it answers client requests. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("broker already started");
        }
        KafkaConfig config = new KafkaConfig(brokerProperties(), false);
        format();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
        log.info("Kafka broker ready at {} (data in {})", bootstrapServers(), dataDir);
        return this;
    }

    /** Stops the broker, keeping its data so that {@link #start()} can bring it back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker at {} stopped", bootstrapServers());
    }

    public String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and, when the data directory was a temporary one, deletes it. */
    @Override
    public synchronized void close() {
        stop();
        if (deleteDataOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        if (saslUsers != null) {
            // The one client listener authenticates with SASL/PLAIN; the controller listener stays internal.
            props.put(
                    "listeners",
                    "SASL_PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                            + controllerPort);
            props.put("advertised.listeners", "SASL_PLAINTEXT://" + host + ":" + brokerPort);
            props.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            props.put(
                    "listener.security.protocol.map",
                    "SASL_PLAINTEXT:SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required "
                    + jaasOption("username", BROKER_USER) + jaasOption("password", brokerPassword)
                    + jaasOption("user_" + BROKER_USER, brokerPassword));
            saslUsers.forEach((user, password) -> jaas.append(jaasOption("user_" + user, password)));
            props.put(
                    "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                    jaas.append(';').toString());
        }
        props.put("log.dirs", dataDir.toString());
        // One node: every internal topic has one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "12");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "12");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // No reason to wait for more members on a single test or demo node.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        props.putAll(overrides);
        return props;
    }

    /**
     * Client settings to connect as {@code user} with {@code password} to a broker built with {@link
     * Builder#saslPlainUsers}: what any Kafka client (and this application) takes.
     */
    public static Properties saslPlainClientProperties(String user, String password) {
        Properties props = new Properties();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required " + jaasOption("username", user)
                        + jaasOption("password", password) + ";");
        return props;
    }

    private static String jaasOption(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\" ";
    }

    private void format() {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            // Formatted before, maybe by another process: keep its cluster id and metadata. (Formatting again with
            // a new cluster id fails even with setIgnoreFormatted: the formatter checks the id of existing dirs.)
            return;
        }
        try {
            Formatter formatter = new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dataDir.toString())
                    .setMetadataLogDirectory(dataDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(true)
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the broker's data directory " + dataDir, e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties props = new Properties();
        if (saslUsers != null) {
            props.putAll(saslPlainClientProperties(BROKER_USER, brokerPassword));
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    // The broker lists itself only once the controller has unfenced it: then topics can be created.
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "Kafka broker at " + bootstrapServers() + " not ready after " + timeout.toSeconds()
                                        + " s",
                                e);
                    }
                }
                sleep(100);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("partition-analytics-broker-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data directory for the broker", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }

    /** Options of an embedded broker; everything has a default. */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, String> overrides = new HashMap<>();
        private Map<String, String> saslUsers;

        private Builder() {}

        /**
         * Clients must authenticate with SASL/PLAIN as one of {@code users} (name -> password): the client listener
         * is SASL_PLAINTEXT instead of PLAINTEXT. See {@link #saslPlainClientProperties}.
         */
        public Builder saslPlainUsers(Map<String, String> users) {
            this.saslUsers = Map.copyOf(users);
            return this;
        }

        /** Keep data here (created and formatted if new, kept on close); default: a temporary directory deleted on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Client port; default a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Any broker setting, applied last. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        public EmbeddedKafkaBroker build() {
            return new EmbeddedKafkaBroker(this);
        }
    }
}
