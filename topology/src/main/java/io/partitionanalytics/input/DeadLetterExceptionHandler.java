package io.partitionanalytics.input;

import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@code processing.exception.handler}, on Kafka Streams' built-in dead-letter queue (KIP-1034):
 * the records it returns are written by Streams to {@code errors.dead.letter.queue.topic.name}, inside the task's
 * transaction.
 *
 * <ul>
 *   <li>{@link InvalidInputException} (bad input): the original key and value bytes go to the dead-letter topic with
 *       the cause in headers, and processing resumes;
 *   <li>a schema registry outage (reaches here only while the application closes: until then the validation step
 *       waits for the registry): nothing is dead-lettered; the thread fails, and its uncommitted records are
 *       processed after restart;
 *   <li>anything else is a bug: dead-lettered with its stack trace, and the thread fails, as with Kafka's {@code
 *       LogAndFailProcessingExceptionHandler}.
 * </ul>
 *
 * <p>Headers, besides the input record's own: Kafka's {@code __streams.errors.exception}, {@code .message}, {@code
 * .topic}, {@code .partition}, {@code .offset} (and {@code .stacktrace} for bugs), and {@value #CAUSE_HEADER} (the
 * cause label) and {@value #FORMAT_HEADER} (the input format the value was read as, when it was).
 *
 * <p>A dead letter keeps the original key and value unless they would not fit the producer's {@code
 * max.request.size}: then the value (and if need be the key) is left out and its size given in {@value
 * #VALUE_OMITTED_HEADER} ({@value #KEY_OMITTED_HEADER}), so that the dead letter is still written and counted.
 */
public final class DeadLetterExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    // Kafka Streams' dead-letter headers (KIP-1034), so that tools reading its dead letters read these too.
    public static final String EXCEPTION_HEADER = "__streams.errors.exception";
    public static final String MESSAGE_HEADER = "__streams.errors.message";
    public static final String STACKTRACE_HEADER = "__streams.errors.stacktrace";
    public static final String TOPIC_HEADER = "__streams.errors.topic";
    public static final String PARTITION_HEADER = "__streams.errors.partition";
    public static final String OFFSET_HEADER = "__streams.errors.offset";
    /** The short, stable label of why the record was refused: {@code truncated}, {@code null-key}, ... */
    public static final String CAUSE_HEADER = "partition-analytics.dlq.cause";
    /** The input format the value was read as: {@code confluent}, {@code single-object}, {@code json}, {@code unknown}. */
    public static final String FORMAT_HEADER = "partition-analytics.dlq.format";
    /**
     * Set when the original value was left out because the dead letter would not fit the producer's {@code
     * max.request.size}: the value's size in bytes. ({@value #KEY_OMITTED_HEADER} likewise for the key.)
     */
    public static final String VALUE_OMITTED_HEADER = "partition-analytics.dlq.value-omitted-bytes";

    public static final String KEY_OMITTED_HEADER = "partition-analytics.dlq.key-omitted-bytes";
    /** Cause label of records dead-lettered because processing them failed unexpectedly. */
    public static final String PROCESSING_ERROR_CAUSE = "processing-error";

    /** At most one WARN per cause and minute; the others at DEBUG (every one is in {@code dead-letters-total}). */
    private static final long WARN_INTERVAL_MS = 60_000;

    private static final Map<String, long[]> WARNINGS = new ConcurrentHashMap<>();

    /** Room left for headers and record overhead below the producer's {@code max.request.size}. */
    private static final int SIZE_MARGIN_BYTES = 16 * 1024;

    private String deadLetterTopic;
    /** The producer's default {@code max.request.size}. */
    private static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    private int maxDeadLetterBytes = DEFAULT_MAX_REQUEST_SIZE - SIZE_MARGIN_BYTES;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        deadLetterTopic = topic == null ? null : String.valueOf(topic);
        Object maxRequestSize = configs.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
        if (maxRequestSize == null) {
            maxRequestSize = configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        }
        if (maxRequestSize != null) {
            maxDeadLetterBytes = Math.max(
                    1024, Integer.parseInt(String.valueOf(maxRequestSize).trim()) - SIZE_MARGIN_BYTES);
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof InvalidInputException invalid) {
            String cause = invalid.deadLetterCause();
            long suppressed = suppressedSinceLastWarning(cause);
            if (suppressed >= 0) {
                log.warn(
                        "Invalid input record {}-{}@{} sent to the dead-letter topic {} ({}){}",
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        deadLetterTopic,
                        invalid.getMessage(),
                        suppressed > 0
                                ? "; " + suppressed + " more with this cause in the last minute (dead-letters-total)"
                                : "");
            } else if (log.isDebugEnabled()) {
                log.debug(
                        "Invalid input record {}-{}@{}: {}",
                        context.topic(),
                        context.partition(),
                        context.offset(),
                        invalid.getMessage());
            }
            return Response.resume(deadLetters(context, invalid, cause, invalid.format(), false));
        }
        if (SchemaRegistryUnavailableException.isCauseOf(exception)) {
            log.warn(
                    "Schema registry unreachable while processing {}-{}@{}: not dead-lettered; the record is "
                            + "processed again after restart ({})",
                    context.topic(),
                    context.partition(),
                    context.offset(),
                    exception.getMessage());
            return Response.fail();
        }
        log.error(
                "Processing failed in {} (task {}) on {}-{}@{}",
                context.processorNodeId(),
                context.taskId(),
                context.topic(),
                context.partition(),
                context.offset(),
                exception);
        return Response.fail(deadLetters(context, exception, PROCESSING_ERROR_CAUSE, null, true));
    }

    /** -1: do not warn now; else how many records of this cause were not warned about since the last warning. */
    private long suppressedSinceLastWarning(String cause) {
        long now = System.currentTimeMillis();
        long[] state = WARNINGS.computeIfAbsent(cause, k -> new long[] {Long.MIN_VALUE, 0});
        synchronized (state) {
            if (state[0] != Long.MIN_VALUE && now - state[0] < WARN_INTERVAL_MS) {
                state[1]++;
                return -1;
            }
            long suppressed = state[1];
            state[0] = now;
            state[1] = 0;
            return suppressed;
        }
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetters(
            ErrorHandlerContext context, Exception exception, String cause, String format, boolean withStackTrace) {
        if (deadLetterTopic == null) {
            return List.of();
        }
        byte[] key = context.sourceRawKey();
        byte[] value = context.sourceRawValue();
        long headerBytes = 0;
        if (context.headers() != null) {
            for (Header header : context.headers()) {
                headerBytes += header.key().length() + (header.value() == null ? 0 : header.value().length);
            }
        }
        // A dead letter the producer refuses would fail the task (and, under exactly-once, its transaction): keep
        // the original bytes when they fit, else say how large they were.
        Integer valueOmitted = null;
        Integer keyOmitted = null;
        if (length(key) + length(value) + headerBytes > maxDeadLetterBytes && value != null) {
            valueOmitted = value.length;
            value = null;
        }
        if (length(key) + headerBytes > maxDeadLetterBytes && key != null) {
            keyOmitted = key.length;
            key = null;
        }
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(
                deadLetterTopic, null, context.timestamp() >= 0 ? context.timestamp() : null, key, value);
        Headers headers = deadLetter.headers();
        if (context.headers() != null && headerBytes <= maxDeadLetterBytes) {
            for (Header header : context.headers()) {
                headers.add(header);
            }
        }
        add(headers, EXCEPTION_HEADER, exception.getClass().getName());
        add(headers, MESSAGE_HEADER, exception.getMessage());
        if (withStackTrace) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            add(headers, STACKTRACE_HEADER, trace.toString());
        }
        add(headers, TOPIC_HEADER, context.topic());
        add(headers, PARTITION_HEADER, String.valueOf(context.partition()));
        add(headers, OFFSET_HEADER, String.valueOf(context.offset()));
        add(headers, CAUSE_HEADER, cause);
        if (format != null) {
            add(headers, FORMAT_HEADER, format);
        }
        if (valueOmitted != null) {
            add(headers, VALUE_OMITTED_HEADER, String.valueOf(valueOmitted));
        }
        if (keyOmitted != null) {
            add(headers, KEY_OMITTED_HEADER, String.valueOf(keyOmitted));
        }
        return List.of(deadLetter);
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
