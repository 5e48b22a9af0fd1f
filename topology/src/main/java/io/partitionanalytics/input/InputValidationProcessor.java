package io.partitionanalytics.input;

import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroReader;
import io.partitionanalytics.serde.DecodeException;
import io.partitionanalytics.serde.Formats;
import io.partitionanalytics.serde.WireFormat;
import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The first step after the source, which reads raw bytes: decodes each input value ({@code input.format}) as the
 * current {@link MessageEvent} (its numbers only, into a record the task reuses: {@link AvroReader#readNumbers}),
 * checks it, and forwards its {@link EventFacts}, so that the steps after it see only events they can count.
 *
 * <p>A record that fails (null or empty key or value, too large, undecodable, negative {@code payload_bytes},
 * {@code timestamp_ms} negative or too far in the future) is counted in {@code dead-letters-total} under its cause
 * and thrown as an {@link InvalidInputException}: Kafka Streams hands it to the {@link DeadLetterExceptionHandler},
 * which writes the original key and value bytes to the dead-letter topic (in the same transaction as the input
 * offsets) and lets processing resume.
 *
 * <p>A schema registry that cannot be asked is not bad input: the stream thread waits for it, retrying every {@code
 * schema.registry.retry.backoff.max.ms}, with the record in hand — nothing is dead-lettered or skipped, and health
 * reports the registry unreachable meanwhile. Should the wait outlast the transaction timeout (exactly-once) or {@code
 * max.poll.interval.ms}, Kafka Streams aborts the thread's open transaction or takes it out of the group; when the
 * registry answers, the thread rejoins and processes again from its last commit. Either way nothing is lost.
 */
public final class InputValidationProcessor implements Processor<byte[], byte[], byte[], EventFacts> {

    public static final String NAME = "input-validate";

    private final AvroReader<MessageEvent> reader;
    private final AvroReader.Scratch<MessageEvent> scratch;
    private final InputRules rules;
    private final Formats formats;
    private ProcessorContext<byte[], EventFacts> context;
    private InputMetrics metrics;

    InputValidationProcessor(Formats formats, InputRules rules) {
        this.formats = formats;
        this.reader = formats.inputReader();
        this.scratch = reader.newScratch();
        this.rules = rules;
    }

    public static ProcessorSupplier<byte[], byte[], byte[], EventFacts> supplier(Formats formats, InputRules rules) {
        return () -> new InputValidationProcessor(formats, rules);
    }

    @Override
    public void init(ProcessorContext<byte[], EventFacts> context) {
        this.context = context;
        this.metrics = new InputMetrics(context.metrics(), context.taskId().toString());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] key = record.key();
        byte[] value = record.value();
        if (key == null) {
            throw reject(InputCheck.NULL_KEY, null, "the record has no key (the channel id)");
        }
        if (key.length == 0) {
            throw reject(InputCheck.EMPTY_KEY, null, "the record's key is empty");
        }
        if (value == null) {
            throw reject(InputCheck.NULL_VALUE, null, "the record has no value");
        }
        if (value.length == 0) {
            throw reject(InputCheck.EMPTY_VALUE, null, "the record's value is empty");
        }
        long size = (long) key.length + value.length;
        if (size > rules.maxRecordBytes()) {
            throw reject(
                    InputCheck.RECORD_TOO_LARGE,
                    null,
                    "key and value are " + size + " bytes, over input.max.record.bytes=" + rules.maxRecordBytes());
        }
        EventFacts event;
        try {
            event = EventFacts.of(readWaitingForRegistry(value));
        } catch (DecodeException e) {
            metrics.deadLetter(e.failure().label());
            throw new InvalidInputException(e.failure().label(), formatName(e.format()), e.getMessage());
        }
        if (event.payloadBytes() < 0) {
            throw reject(
                    InputCheck.INVALID_FIELD, formatOf(value), "payload_bytes is negative: " + event.payloadBytes());
        }
        long timestampMs = event.timestampMs();
        if (timestampMs < 0) {
            throw reject(InputCheck.NEGATIVE_TIMESTAMP, formatOf(value), "timestamp_ms is negative: " + timestampMs);
        }
        long nowMs = context.currentSystemTimeMs();
        if (timestampMs - nowMs > rules.maxFutureSkewMs()) {
            throw reject(
                    InputCheck.FUTURE_TIMESTAMP,
                    formatOf(value),
                    "timestamp_ms " + timestampMs + " is " + (timestampMs - nowMs)
                            + " ms ahead of the wall clock, over input.max.future.skew.ms="
                            + rules.maxFutureSkewMs());
        }
        context.forward(record.withValue(event));
    }

    /** Reads the value; while the registry cannot be asked, waits and asks again (see the class comment). */
    private MessageEvent readWaitingForRegistry(byte[] value) {
        while (true) {
            try {
                return reader.readNumbers(value, scratch);
            } catch (SchemaRegistryUnavailableException e) {
                // Give up only when the application is closing (the client is closed) or the thread is interrupted:
                // the exception then fails the thread without dead-lettering, and the record is read after restart.
                if (formats.registry().map(SchemaRegistryClient::isClosed).orElse(true)
                        || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                try {
                    Thread.sleep(rules.registryRetryPauseMs());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private InvalidInputException reject(InputCheck check, String format, String message) {
        metrics.deadLetter(check.label());
        return new InvalidInputException(check.label(), format, check.label() + ": " + message);
    }

    /** The format a decoded value was read as, for a dead letter's headers: worked out only for those. */
    private String formatOf(byte[] value) {
        return formatName(reader.formatOf(value));
    }

    private static String formatName(WireFormat format) {
        return format == WireFormat.AUTO ? "unknown" : format.configName();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
