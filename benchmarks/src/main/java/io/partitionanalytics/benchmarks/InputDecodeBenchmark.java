package io.partitionanalytics.benchmarks;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroReader;
import io.partitionanalytics.serde.AvroSerdes;
import io.partitionanalytics.serde.WireFormat;
import io.partitionanalytics.serde.WriterSchemas;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one input value (a single-object encoded {@code MessageEvent} of about 150 bytes, as {@code bench} writes):
 * the whole record, as a user's deserializer would, against the projection the validation step reads (time, size and
 * place only; the strings skipped).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The generated classes are trusted as the application's launcher trusts them (Avro 1.12's trusted-packages switch).
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class InputDecodeBenchmark {

    /** The fields the validation step reads (as {@code EventFacts}). */
    private static final List<String> FACTS = List.of("timestamp_ms", "payload_bytes", "latitude", "longitude");

    private byte[] value;
    private AvroReader<MessageEvent> whole;
    private AvroReader<Long> projecting;

    @Setup
    public void setUp() {
        MessageEvent event = MessageEvent.newBuilder()
                .setEventId("3f2b9c1e-7d4a-4e0b-9a51-6c2d8e0f1a37")
                .setChannelId("channel-000042137")
                .setGuildId("guild-004213")
                .setUserId("user-0000917344")
                .setTimestampMs(1_700_000_000_000L)
                .setPayloadBytes(512)
                .setLatitude(48.8566)
                .setLongitude(2.3522)
                .setRegion("eu-west-1")
                .build();
        value = AvroSerdes.singleObjectSerializer(MessageEvent.class).serialize("message-events", event);
        whole = AvroReader.of(MessageEvent.class, WireFormat.AUTO, WriterSchemas.known(), null);
        projecting = AvroReader.projecting(
                MessageEvent.class, FACTS, InputDecodeBenchmark::sum, WireFormat.AUTO, WriterSchemas.known(), null);
    }

    private static long sum(GenericRecord r) {
        return (Long) r.get("timestamp_ms")
                + (Integer) r.get("payload_bytes")
                + (long) (double) (Double) r.get("latitude")
                + (long) (double) (Double) r.get("longitude");
    }

    @Benchmark
    public MessageEvent wholeRecord() {
        return whole.read(value);
    }

    @Benchmark
    public long projection() {
        return projecting.read(value);
    }
}
