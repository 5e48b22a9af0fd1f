package io.partitionanalytics.cli;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.app.Topics;
import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.demo.AlertPrinter;
import io.partitionanalytics.demo.LoadTablePrinter;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: everything on this machine, no set-up: a real broker, the generator, the pipeline, the results. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Start an embedded Kafka broker, generate traffic for a scenario, run the pipeline on it and "
                + "print the per-partition load of every strategy once per window.")
final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    enum Scenario {
        uniform,
        @SuppressWarnings("checkstyle:membername")
        hot_channel,
        sequential_time;

        static Scenario parse(String name) {
            return valueOf(name.replace('-', '_'));
        }
    }

    @Option(
            names = "--scenario",
            defaultValue = "hot-channel",
            description =
                    "uniform, hot-channel (one channel "
                            + "takes 40% of traffic after 10 s) or sequential-time (ever-increasing keys). Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(
            names = "--duration",
            description = "Stop after this long (e.g. 40s, 5m) and exit 0. Default: until Ctrl-C.")
    Duration duration;

    @Option(names = "--rate", defaultValue = "2000", description = "Events per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--partitions",
            defaultValue = "12",
            description = "Partitions of the input topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--channels", defaultValue = "1000", description = "Distinct channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(names = "--window", description = "Window size (grace: half of it, at most 1 s). Default: window.size.ms.")
    Duration window;

    @Option(
            names = "--http-port",
            defaultValue = "8080",
            description = "HTTP port of the API and web view; 0 picks a " + "free one. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(
            names = "--http-host",
            defaultValue = "127.0.0.1",
            description = "Address to bind the HTTP port to. " + "Default: ${DEFAULT-VALUE}.")
    String httpHost;

    @Option(names = "--open", description = "Open the web view in the default browser.")
    boolean open;

    @Override
    public Integer call() throws Exception {
        Scenario chosen;
        try {
            chosen = Scenario.parse(scenario);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--scenario must be uniform, hot-channel or sequential-time, got '" + scenario + "'");
        }
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.set(true);
                            stopRequested.countDown();
                            awaitQuietly(cleanedUp, Duration.ofSeconds(40));
                        },
                        "demo-shutdown"));

        Path stateDir = Files.createTempDirectory("partition-analytics-demo-state-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build()) {
            System.out.println("Starting an embedded Kafka broker...");
            broker.start();
            System.out.println("Kafka broker ready at " + broker.bootstrapServers());
            Properties props = new Properties();
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "partition-analytics-demo");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            if (window != null) {
                props.put(AnalyticsConfig.WINDOW_SIZE_MS_CONFIG, String.valueOf(window.toMillis()));
                props.put(
                        AnalyticsConfig.WINDOW_GRACE_MS_CONFIG, String.valueOf(Math.min(1000, window.toMillis() / 2)));
                props.put(
                        AnalyticsConfig.COMBINE_FLUSH_INTERVAL_MS_CONFIG,
                        String.valueOf(Math.min(250, window.toMillis())));
            }
            props.put(AnalyticsConfig.HTTP_PORT_CONFIG, String.valueOf(httpPort));
            props.put(AnalyticsConfig.HTTP_HOST_CONFIG, httpHost);
            AnalyticsConfig config = new AnalyticsConfig(props);
            TopicAdmin.ensureTopic(
                    TopicAdmin.clientProps(broker.bootstrapServers()), config.inputTopic(), partitions, Map.of());

            try (AnalyticsApp app = AnalyticsApp.start(config)) {
                String url = String.format("http://%s:%d/", httpHost, app.httpPort());
                System.out.println("Web view and API: " + url);
                if (open && !Browser.open(url)) {
                    System.out.println("Could not open a browser: open " + url + " yourself.");
                }
                System.out.printf(
                        "Pipeline running: strategies %s, %d s windows. Scenario %s at %.0f events/s.%n",
                        config.strategies(), config.windowSizeMs() / 1000, scenario, rate);
                Thread generator = startGenerator(chosen, config.inputTopic(), broker.bootstrapServers(), stop);
                Thread printer = startPrinter(config, broker.bootstrapServers(), stop);
                boolean requested = duration == null
                        ? waitForever(stopRequested)
                        : stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                stop.set(true);
                System.out.println(requested ? "\nStopping (interrupted)..." : "\nDemo finished; stopping...");
                generator.join(10_000);
                printer.join(10_000);
            }
        } finally {
            deleteQuietly(stateDir);
            cleanedUp.countDown();
        }
        return 0;
    }

    private Thread startGenerator(Scenario chosen, String topic, String bootstrap, AtomicBoolean stop) {
        String distribution = chosen == Scenario.sequential_time ? "sequential-time" : "uniform";
        String hot = chosen == Scenario.hot_channel ? "c-42" : null;
        GeneratorOptions options = new GeneratorOptions(
                topic,
                rate,
                0,
                Duration.ofDays(365),
                channels,
                distribution,
                hot,
                hot == null ? 0 : 0.4,
                Duration.ofSeconds(10),
                42);
        LoadGenerator generator = new LoadGenerator(options, TopicAdmin.clientProps(bootstrap));
        Thread thread = new Thread(
                () -> {
                    try {
                        generator.run((sent, acked, target, elapsedMs) -> {}, stop::get);
                    } catch (RuntimeException e) {
                        log.error("Generator failed", e);
                    }
                },
                "demo-generator");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Reads the pipeline's outputs from the start of the demo's fresh topics (no group) and prints them. */
    private static Thread startPrinter(AnalyticsConfig config, String bootstrap, AtomicBoolean stop) {
        Topics topics = Topics.from(config);
        Properties props = TopicAdmin.clientProps(bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        LoadTablePrinter table = new LoadTablePrinter(
                System.out, config.strategies(), config.detectorSettings().enterRatio());
        AlertPrinter alerts = new AlertPrinter(System.out);
        Deserializer<PartitionLoad> loads = topics.partitionLoad().valueSerde().deserializer();
        Deserializer<HotspotAlert> hotspots =
                topics.partitionHotspots().valueSerde().deserializer();
        Deserializer<RebalanceRecommendation> advice =
                topics.rebalanceRecommendations().valueSerde().deserializer();
        Thread thread = new Thread(
                () -> {
                    try (KafkaConsumer<byte[], byte[]> consumer =
                            new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                        List<TopicPartition> partitions = new ArrayList<>();
                        for (String topic : List.of(
                                topics.partitionLoad().name(),
                                topics.partitionHotspots().name(),
                                topics.rebalanceRecommendations().name())) {
                            partitions.addAll(TopicAdmin.partitionsOf(TopicAdmin.clientProps(bootstrap), topic));
                        }
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        while (!stop.get()) {
                            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                                if (record.topic().equals(topics.partitionLoad().name())) {
                                    table.accept(loads.deserialize(record.topic(), record.value()));
                                } else if (record.topic()
                                        .equals(topics.partitionHotspots().name())) {
                                    alerts.accept(hotspots.deserialize(record.topic(), record.value()));
                                } else {
                                    alerts.accept(advice.deserialize(record.topic(), record.value()));
                                }
                            }
                        }
                    } catch (WakeupException ignored) {
                        // stopping
                    } catch (RuntimeException e) {
                        log.error("Output printer failed", e);
                    }
                },
                "demo-printer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static boolean waitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // best effort: a temp dir
        }
    }
}
