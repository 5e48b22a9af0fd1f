package io.partitionanalytics.bench;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroSerdes;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * End-to-end throughput on a real broker, three ways over the same topic in the same run (the machine is shared and
 * noisy, so only same-run ratios mean much): (a) a plain KafkaConsumer reading it, (b) the Kafka Streams topology a
 * user would write for one strategy (re-key by partition, windowed count), (c) this pipeline with every default
 * strategy. (b) and (c) run under the same processing guarantee and are timed from start until their committed
 * offsets reach the end of the input.
 */
public final class ThroughputBenchmark {

    /** What to measure. */
    public record Options(
            String bootstrapServers,
            long events,
            int partitions,
            int channels,
            String processingGuarantee,
            Path stateDir) {}

    /** Events per second of each contender. */
    public record Result(long events, double produced, double plainConsumer, double naiveStreams, double pipeline) {}

    private final Options options;
    private final PrintStream out;

    public ThroughputBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public Result run() throws Exception {
        String topic = "bench-events-" + System.currentTimeMillis();
        Properties client = TopicAdmin.clientProps(options.bootstrapServers());
        TopicAdmin.ensureTopic(client, topic, options.partitions(), Map.of("retention.ms", "-1"));

        out.printf(
                "Writing %,d events (~150 bytes) to %s (%d partitions)...%n",
                options.events(), topic, options.partitions());
        long start = System.nanoTime();
        GeneratorOptions generator = new GeneratorOptions(
                topic, 0, options.events(), null, options.channels(), "zipf:0.8", null, 0, Duration.ZERO, 1);
        new LoadGenerator(generator, client).run((sent, acked, target, elapsedMs) -> {}, () -> false);
        double produced = rate(options.events(), start);
        out.printf("  produced: %,.0f events/s%n", produced);

        double plain = plainConsumer(topic);
        out.printf("  (a) plain KafkaConsumer: %,.0f events/s%n", plain);
        double naive = timeStreams("bench-naive-" + topic, topic, props -> naiveTopology(topic, props));
        out.printf(
                "  (b) naive Streams topology, one strategy (%s): %,.0f events/s%n",
                options.processingGuarantee(), naive);
        double pipeline = timePipeline(topic);
        out.printf(
                "  (c) partition-analytics, %d strategies (%s): %,.0f events/s%n",
                AnalyticsConfig.DEFAULT_STRATEGIES.size(), options.processingGuarantee(), pipeline);
        out.printf("  ratios: (c)/(b) = %.2f, (c)/(a) = %.2f%n", pipeline / naive, pipeline / plain);
        return new Result(options.events(), produced, plain, naive, pipeline);
    }

    private double plainConsumer(String topic) {
        Properties props = TopicAdmin.clientProps(options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long count = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (count < options.events()) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        return rate(count, start);
    }

    private KafkaStreams naiveTopology(String topic, Properties props) {
        // What a user would write for one strategy: compute the partition, re-key by it, count per window.
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", options.partitions(), Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.ByteArray(), AvroSerdes.singleObject(MessageEvent.class)))
                .groupBy(
                        (key, event) ->
                                String.valueOf(murmur3.partition(key, event.getTimestampMs(), Double.NaN, Double.NaN)),
                        Grouped.with("by-partition", Serdes.String(), AvroSerdes.singleObject(MessageEvent.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts"))
                .toStream((windowed, count) ->
                        windowed.key() + "@" + windowed.window().start())
                .to("bench-naive-out", Produced.with(Serdes.String(), Serdes.Long()));
        return new KafkaStreams(builder.build(props), props);
    }

    private interface StreamsFactory {
        KafkaStreams create(Properties props) throws Exception;
    }

    private double timeStreams(String applicationId, String topic, StreamsFactory factory) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(options.stateDir(), "naive").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long start = System.nanoTime();
        try (KafkaStreams streams = factory.create(props)) {
            streams.start();
            awaitCommitted(applicationId, topic);
            double rate = rate(options.events(), start);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    private double timePipeline(String topic) throws Exception {
        String applicationId = "bench-pipeline-" + topic;
        Map<String, String> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(options.stateDir(), "pipeline").toString());
        props.put(AnalyticsConfig.INPUT_TOPIC_CONFIG, topic);
        props.put(AnalyticsConfig.LOAD_TOPIC_CONFIG, "bench-partition-load");
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        long start = System.nanoTime();
        try (AnalyticsApp app = AnalyticsApp.start(new AnalyticsConfig(props))) {
            awaitCommitted(applicationId, topic);
            return rate(options.events(), start);
        }
    }

    /** Waits until the group's committed offsets reach the end of every input partition. */
    private void awaitCommitted(String groupId, String topic) throws Exception {
        try (Admin admin = Admin.create(TopicAdmin.clientProps(options.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < options.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey,
                                    e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                boolean done = ends.entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    return offset != null && offset.offset() >= end.getValue();
                });
                if (done) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(groupId + " did not finish within 15 minutes");
        }
    }

    private static double rate(long events, long startNanos) {
        return events / ((System.nanoTime() - startNanos) / 1e9);
    }
}
