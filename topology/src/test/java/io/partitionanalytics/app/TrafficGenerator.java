package io.partitionanalytics.app;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Live traffic for the integration tests: events stamped with the wall clock, at a steady rate, one channel
 * ({@link #HOT}) taking {@code hotShare} of them so that hotspot alerts open. Every acknowledged event is kept with
 * its partition and offset, so the expected loads can be computed in each partition's offset order. The producer
 * outlives a broker outage: it buffers and retries (idempotent, so neither lost nor duplicated).
 */
final class TrafficGenerator implements AutoCloseable {

    static final String HOT = "c-hot";

    record Sent(int partition, long offset, MessageEvent event) {}

    private final KafkaProducer<byte[], MessageEvent> producer;
    private final String topic;
    private final int perSecond;
    private final double hotShare;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Sent> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private TrafficGenerator(Properties clientProps, String topic, int perSecond, double hotShare) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        // Ride out a broker outage of tens of seconds: keep records buffered and retry rather than fail them.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "300000");
        this.producer = new KafkaProducer<>(
                props,
                new ByteArraySerializer(),
                AvroSerdes.singleObject(MessageEvent.class).serializer());
        this.topic = topic;
        this.perSecond = perSecond;
        this.hotShare = hotShare;
        this.thread = new Thread(this::run, "traffic-generator");
        this.thread.setDaemon(true);
    }

    /** Starts writing {@code perSecond} events per second to {@code topic} until {@link #stop()}. */
    static TrafficGenerator start(Properties clientProps, String topic, int perSecond, double hotShare) {
        TrafficGenerator generator = new TrafficGenerator(clientProps, topic, perSecond, hotShare);
        generator.thread.start();
        return generator;
    }

    private void run() {
        SplittableRandom random = new SplittableRandom(11);
        long started = System.nanoTime();
        long i = 0;
        while (running) {
            // Catch up to the rate every 10 ms (steady, not bursty; no drift over the run).
            long due = (System.nanoTime() - started) / 1_000_000L * perSecond / 1_000L;
            for (; i < due && running; i++) {
                String channel = random.nextDouble() < hotShare ? HOT : "c-" + random.nextInt(2_000);
                MessageEvent event = MessageEvent.newBuilder()
                        .setEventId("e-" + i)
                        .setChannelId(channel)
                        .setGuildId("g-" + random.nextInt(50))
                        .setUserId("u-" + random.nextInt(1_000))
                        .setTimestampMs(System.currentTimeMillis())
                        .setPayloadBytes(1 + random.nextInt(400))
                        .build();
                producer.send(
                        new ProducerRecord<>(topic, channel.getBytes(StandardCharsets.UTF_8), event),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            } else {
                                acknowledged.add(new Sent(metadata.partition(), metadata.offset(), event));
                            }
                        });
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops writing and waits until every event written is acknowledged (or failed: see {@link #failure()}). */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
        producer.flush();
    }

    /**
     * After {@link #stop()}: one event at {@code timestampMs} to each partition, so that every input partition's
     * stream time passes the windows before it and they close (these events are not among the {@link
     * #acknowledged} ones).
     */
    void closeWindows(long timestampMs, int partitions) throws Exception {
        for (int p = 0; p < partitions; p++) {
            MessageEvent event = MessageEvent.newBuilder()
                    .setEventId("closer-" + p)
                    .setChannelId("c-closer")
                    .setGuildId("g")
                    .setUserId("u")
                    .setTimestampMs(timestampMs)
                    .setPayloadBytes(1)
                    .build();
            producer.send(new ProducerRecord<>(topic, p, "c-closer".getBytes(StandardCharsets.UTF_8), event))
                    .get();
        }
    }

    /** The first send that failed, or null. */
    Exception failure() {
        return failure.get();
    }

    /** How many events the broker has acknowledged so far. */
    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** The acknowledged events, in offset order within each partition. */
    List<Sent> acknowledged() {
        List<Sent> all = new ArrayList<>(acknowledged);
        all.sort(Comparator.comparingInt(Sent::partition).thenComparingLong(Sent::offset));
        return all;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
