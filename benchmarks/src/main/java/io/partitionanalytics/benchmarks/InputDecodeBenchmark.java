package io.partitionanalytics.benchmarks;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroReader;
import io.partitionanalytics.serde.AvroSerdes;
import io.partitionanalytics.serde.MessageEventNumbers;
import io.partitionanalytics.serde.WireFormat;
import io.partitionanalytics.serde.WriterSchemas;
import java.util.concurrent.TimeUnit;
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
 * into a new record with its strings, as a user's deserializer would ({@code AvroReader.read}), against what the
 * validation step does ({@code readNumbers}: the same checks, into a reused record, the text dropped) — for a value of
 * the current schema by {@code MessageEventNumbers} ({@link #numbers}), as the pipeline reads it, and through Avro's
 * schema resolution ({@link #numbersResolved}), as it read it before and still reads other writers' values.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The generated classes are trusted as the application's launcher trusts them (Avro 1.12's trusted-packages switch).
@Fork(value = 1, jvmArgsAppend = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class InputDecodeBenchmark {

    private byte[] value;
    private AvroReader<MessageEvent> reader;
    private AvroReader.Scratch<MessageEvent> scratch;
    private AvroReader<MessageEvent> resolvingReader;
    private AvroReader.Scratch<MessageEvent> resolvingScratch;

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
        reader = new AvroReader<>(
                MessageEvent.class,
                WireFormat.AUTO,
                WriterSchemas.known(),
                null,
                MessageEventNumbers.forCurrentSchema().orElseThrow());
        scratch = reader.newScratch();
        resolvingReader = new AvroReader<>(MessageEvent.class, WireFormat.AUTO, WriterSchemas.known(), null);
        resolvingScratch = resolvingReader.newScratch();
    }

    @Benchmark
    public MessageEvent wholeRecord() {
        return reader.read(value);
    }

    @Benchmark
    public long numbers() {
        MessageEvent numbers = reader.readNumbers(value, scratch);
        return numbers.getTimestampMs() + numbers.getPayloadBytes();
    }

    @Benchmark
    public long numbersResolved() {
        MessageEvent numbers = resolvingReader.readNumbers(value, resolvingScratch);
        return numbers.getTimestampMs() + numbers.getPayloadBytes();
    }
}
