package io.partitionanalytics.partitioners.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each producer plugin on a real (in-process KRaft) broker: every record written to a 12-partition topic must be
 * stored on the partition the strategy function predicts. The prediction travels in a header, computed from the
 * strategy (not from the plugin), and is checked both in the producer's acknowledgement and on the consumed record.
 */
@Timeout(120)
class PartitionerPlacementIT {

    private static final int PARTITIONS = 12;
    private static final int RECORDS = 3_000;
    private static final String EXPECTED_HEADER = "expected-partition";

    private static KafkaClusterTestKit cluster;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Arguments> plugins() {
        return Stream.of(
                Arguments.of(Murmur3ChannelPartitioner.class, "murmur3-channel", Map.of()),
                Arguments.of(TimeBucketPartitioner.class, "time-bucket", Map.of("bucket.ms", "1000")),
                Arguments.of(ConsistentHashPartitioner.class, "consistent-hash", Map.of("vnodes", "64", "seed", "5")),
                Arguments.of(JumpHashPartitioner.class, "jump", Map.of()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("plugins")
    void shouldStoreEveryRecordOnThePartitionTheStrategyPredicts(
            Class<?> plugin, String strategyName, Map<String, String> options) throws Exception {
        // Given a fresh 12-partition topic and the strategy function the plugin should follow
        String topic = "placement-" + strategyName;
        createTopic(topic);
        PartitionStrategy strategy = Strategies.create(strategyName, PARTITIONS, options);
        Properties config = producerConfig(plugin);
        options.forEach((k, v) -> config.put(PartitionerConfig.PREFIX + k, v));

        // When every record is sent through a producer configured with the plugin
        SplittableRandom random = new SplittableRandom(strategyName.hashCode());
        long base = System.currentTimeMillis();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        try (KafkaProducer<byte[], MessageEvent> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new MessageEventSerializer())) {
            awaitLeaders(producer, topic);
            for (int i = 0; i < RECORDS; i++) {
                byte[] key = key(random, i);
                long eventTime = base - random.nextLong(600_000);
                int predicted = strategy.partition(key, eventTime, Double.NaN, Double.NaN);
                ProducerRecord<byte[], MessageEvent> record = new ProducerRecord<>(topic, key, event(i, eventTime));
                record.headers()
                        .add(new RecordHeader(
                                EXPECTED_HEADER,
                                ByteBuffer.allocate(4).putInt(predicted).array()));
                expected.add(predicted);
                acks.add(producer.send(record));
            }
            producer.flush();
        }

        // Then the broker acknowledged each on its predicted partition...
        for (int i = 0; i < RECORDS; i++) {
            assertThat(acks.get(i).get().partition()).as("record %d", i).isEqualTo(expected.get(i));
        }
        // ...and each one reads back from it
        List<ConsumerRecord<byte[], byte[]>> stored = readAll(topic);
        assertThat(stored).hasSize(RECORDS);
        for (ConsumerRecord<byte[], byte[]> r : stored) {
            int predicted = ByteBuffer.wrap(
                            r.headers().lastHeader(EXPECTED_HEADER).value())
                    .getInt();
            assertThat(r.partition()).isEqualTo(predicted);
        }
        // and the test is not trivially satisfied: the records did spread
        assertThat(stored.stream().map(ConsumerRecord::partition).distinct().count())
                .isGreaterThan(PARTITIONS / 2);
    }

    /** Channel-like keys, random binary keys and non-ASCII text, to cover every byte value on the wire. */
    private static byte[] key(SplittableRandom random, int i) {
        switch (i % 3) {
            case 0:
                return ("channel-" + random.nextInt(500)).getBytes(StandardCharsets.UTF_8);
            case 1:
                byte[] bytes = new byte[random.nextInt(1, 40)];
                random.nextBytes(bytes);
                return bytes;
            default:
                return ("频道-ü-" + random.nextInt(1_000)).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static MessageEvent event(int i, long eventTime) {
        return MessageEvent.newBuilder()
                .setEventId("e-" + i)
                .setChannelId("c")
                .setGuildId("g")
                .setUserId("u")
                .setTimestampMs(eventTime)
                .setPayloadBytes(100)
                .build();
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get();
        }
    }

    /** A new topic's partitions get their leaders a moment after creation; sending earlier only tests retries. */
    private static void awaitLeaders(KafkaProducer<?, ?> producer, String topic) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            if (partitions.size() == PARTITIONS && partitions.stream().allMatch(p -> p.leader() != null)) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no leader for every partition of " + topic + ": " + partitions);
            }
            Thread.sleep(100);
        }
    }

    private static Properties producerConfig(Class<?> plugin) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, plugin.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // A new topic's first produce can meet NOT_LEADER_OR_FOLLOWER while the broker applies the creation; with
        // several requests in flight a later one lands first and the idempotent producer then retries the earlier one
        // on OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms (KAFKA-15591 / KAFKA-14359, seen here on 4.3.1).
        // One request in flight keeps the retries in order; placement, not pipelining, is under test.
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // Fail within the test's time limit, with the producer's reason, rather than hang in flush()
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
        return config;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (out.size() < RECORDS && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    /** Plain Avro binary encoding; this test checks placement, not a wire format. */
    static final class MessageEventSerializer implements Serializer<MessageEvent> {
        private final SpecificDatumWriter<MessageEvent> writer = new SpecificDatumWriter<>(MessageEvent.class);

        @Override
        public byte[] serialize(String topic, MessageEvent event) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(event, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
