package io.partitionanalytics.bench;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.app.Topics;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import io.partitionanalytics.schemas.AlertState;
import io.partitionanalytics.schemas.HotspotAlert;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Detection latency in the demo's hot-channel scenario, with default settings: from the generator's onset instant (a
 * channel starts taking 40% of the traffic) to the moment the OPEN alert naming it can be read from the alert topic
 * (read_committed, as on-call tooling would). Each run uses fresh topics and a fresh application; settings default
 * unless given.
 */
public final class DetectionLatencyBenchmark {

    private static final String HOT = "c-42";

    private final String bootstrapServers;
    private final Path stateDir;
    private final PrintStream out;
    private final Map<String, String> settings;

    /** @param settings pipeline settings on top of the defaults */
    public DetectionLatencyBenchmark(
            String bootstrapServers, Path stateDir, PrintStream out, Map<String, String> settings) {
        this.bootstrapServers = bootstrapServers;
        this.stateDir = stateDir;
        this.out = out;
        this.settings = Map.copyOf(settings);
    }

    /** Runs {@code runs} times; returns each latency in milliseconds (a run without an alert in 60 s is reported). */
    public List<Long> run(int runs, double rate, String strategy) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long latency = once(run, rate, strategy);
            out.printf("  run %d: %s%n", run, latency < 0 ? "no alert within 60 s" : latency + " ms");
            if (latency >= 0) {
                latencies.add(latency);
            }
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            out.printf(
                    "  onset -> OPEN (%s): median %d ms, p95 %d ms, min %d, max %d over %d runs%n",
                    strategy,
                    percentile(sorted, 0.5),
                    percentile(sorted, 0.95),
                    sorted.get(0),
                    sorted.get(sorted.size() - 1),
                    sorted.size());
        }
        return latencies;
    }

    static long percentile(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private long once(int run, double rate, String strategy) throws Exception {
        String suffix = "-latency-" + run + "-" + System.currentTimeMillis();
        Map<String, String> props = new HashMap<>(settings);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench" + suffix);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(stateDir, "latency").toString());
        props.put(AnalyticsConfig.INPUT_TOPIC_CONFIG, "events" + suffix);
        props.putAll(BenchTopics.outputsNamedAfter("events" + suffix));
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        AnalyticsConfig config = new AnalyticsConfig(props);
        TopicAdmin.ensureTopic(TopicAdmin.clientProps(bootstrapServers), config.inputTopic(), 12, Map.of());
        AtomicBoolean stop = new AtomicBoolean();
        try (AnalyticsApp app = AnalyticsApp.start(config);
                KafkaConsumer<String, HotspotAlert> alerts = alertConsumer(config)) {
            GeneratorOptions options = new GeneratorOptions(
                    config.inputTopic(),
                    rate,
                    0,
                    Duration.ofSeconds(90),
                    1000,
                    "uniform",
                    HOT,
                    0.4,
                    Duration.ofSeconds(10),
                    run);
            LoadGenerator generator = new LoadGenerator(options, TopicAdmin.clientProps(bootstrapServers));
            Thread writer = new Thread(() -> generator.run((s, a, t, e) -> {}, stop::get), "latency-generator");
            writer.start();
            try {
                long deadline = System.currentTimeMillis() + 75_000;
                while (System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, HotspotAlert> record : alerts.poll(Duration.ofMillis(50))) {
                        HotspotAlert alert = record.value();
                        Instant onset = generator.hotOnset();
                        if (onset != null
                                && alert.getState() == AlertState.OPEN
                                && alert.getStrategy().equals(strategy)
                                && !alert.getTopKeys().isEmpty()
                                && alert.getTopKeys().get(0).getKey().equals(HOT)) {
                            return System.currentTimeMillis() - onset.toEpochMilli();
                        }
                    }
                }
                return -1;
            } finally {
                stop.set(true);
                writer.join(10_000);
            }
        }
    }

    private KafkaConsumer<String, HotspotAlert> alertConsumer(AnalyticsConfig config) {
        Topics topics = Topics.from(config);
        Properties props = TopicAdmin.clientProps(bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, HotspotAlert> consumer = new KafkaConsumer<>(
                props,
                topics.partitionHotspots().keySerde().deserializer(),
                topics.partitionHotspots().valueSerde().deserializer());
        List<TopicPartition> partitions =
                TopicAdmin.partitionsOf(props, topics.partitionHotspots().name());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
