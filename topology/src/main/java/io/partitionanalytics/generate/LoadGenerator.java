package io.partitionanalytics.generate;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroSerdes;
import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link MessageEvent}s keyed by channel id at a steady rate, optionally making one channel hot at a known
 * instant (the onset, logged and kept, so that detection latency can be measured from it).
 */
public final class LoadGenerator {

    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

    /** Told about progress about ten times a second. */
    public interface Progress {
        void update(long sent, long acked, long target, long elapsedMs);
    }

    private final GeneratorOptions options;
    private final Properties producerProps;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Instant> hotOnset = new AtomicReference<>();
    private final AtomicReference<Exception> sendError = new AtomicReference<>();

    public LoadGenerator(GeneratorOptions options, Properties producerProps) {
        this.options = options;
        this.producerProps = producerProps;
    }

    /** Writes until the count or duration is reached or {@code stop} says so; returns the events acknowledged. */
    public long run(Progress progress, BooleanSupplier stop) {
        Properties props = new Properties();
        props.putAll(producerProps);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        // On a topic created moments before, an idempotent producer with several requests in flight can retry
        // OUT_OF_ORDER_SEQUENCE_NUMBER until it times out (KAFKA-15591, seen on 4.3.1); one in flight avoids it and
        // keeps every event exactly once, in order.
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        SplittableRandom random = new SplittableRandom(options.seed());
        KeyDistribution distribution = KeyDistribution.parse(options.distribution(), options.channels());
        long start = System.nanoTime();
        long durationNanos =
                options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
        long hotAfterNanos = options.hotAfter() == null ? 0 : options.hotAfter().toNanos();
        long target = options.count();
        long lastProgress = 0;
        try (KafkaProducer<String, MessageEvent> producer = new KafkaProducer<>(
                props,
                new StringSerializer(),
                AvroSerdes.singleObject(MessageEvent.class).serializer())) {
            for (long i = 0; target == 0 || i < target; i++) {
                long now = System.nanoTime();
                long elapsed = now - start;
                if (elapsed >= durationNanos || stop.getAsBoolean() || sendError.get() != null) {
                    break;
                }
                if (options.rate() > 0) {
                    long due = start + (long) (i * 1e9 / options.rate());
                    if (due > now) {
                        sleepNanos(due - now);
                    }
                }
                boolean hotPhase = options.hotChannel() != null && elapsed >= hotAfterNanos;
                if (hotPhase && hotOnset.get() == null) {
                    Instant onset = Instant.now();
                    hotOnset.set(onset);
                    log.info(
                            "Hot channel {} takes {}% of traffic from {} (onset)",
                            options.hotChannel(), Math.round(options.hotShare() * 100), onset);
                }
                String key = hotPhase && random.nextDouble() < options.hotShare()
                        ? options.hotChannel()
                        : distribution.key(distribution.next(random));
                MessageEvent event = event(key, i, random);
                producer.send(new ProducerRecord<>(options.topic(), key, event), (metadata, error) -> {
                    if (error != null) {
                        sendError.compareAndSet(null, error);
                    } else {
                        acked.incrementAndGet();
                    }
                });
                sent.incrementAndGet();
                if (now - lastProgress > 100_000_000L) {
                    lastProgress = now;
                    progress.update(sent.get(), acked.get(), target, elapsed / 1_000_000);
                }
            }
            producer.flush();
        }
        progress.update(sent.get(), acked.get(), target, (System.nanoTime() - start) / 1_000_000);
        if (sendError.get() != null) {
            throw new IllegalStateException(
                    "Producing to '" + options.topic() + "' failed after " + acked.get() + " events: "
                            + sendError.get().getMessage(),
                    sendError.get());
        }
        return acked.get();
    }

    private static MessageEvent event(String key, long sequence, SplittableRandom random) {
        MessageEvent.Builder event = MessageEvent.newBuilder()
                .setEventId(Long.toHexString(random.nextLong()) + "-" + sequence)
                .setChannelId(key)
                .setGuildId("g-" + Math.floorMod(key.hashCode(), 1000))
                .setUserId("u-" + random.nextInt(100_000))
                .setTimestampMs(System.currentTimeMillis())
                .setPayloadBytes(20 + random.nextInt(480));
        // A third of the traffic carries a position, for geo partitioning.
        if (random.nextInt(3) == 0) {
            event.setLatitude(-60 + random.nextDouble() * 130).setLongitude(-180 + random.nextDouble() * 360);
        }
        return event.build();
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** When the hot channel became hot (null before). */
    public Instant hotOnset() {
        return hotOnset.get();
    }

    public long acked() {
        return acked.get();
    }
}
