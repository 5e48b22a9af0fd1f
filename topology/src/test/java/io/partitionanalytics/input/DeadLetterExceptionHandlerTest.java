package io.partitionanalytics.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterExceptionHandlerTest {

    private static final byte[] KEY = "c-1".getBytes(StandardCharsets.UTF_8);

    private static DeadLetterExceptionHandler handler(Map<String, ?> extra) {
        DeadLetterExceptionHandler handler = new DeadLetterExceptionHandler();
        java.util.Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        handler.configure(configs);
        return handler;
    }

    private static ErrorHandlerContext context(byte[] key, byte[] value) {
        Headers headers = new RecordHeaders();
        headers.add("trace-id", "t-9".getBytes(StandardCharsets.UTF_8));
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "message-events";
            }

            @Override
            public int partition() {
                return 4;
            }

            @Override
            public long offset() {
                return 1234;
            }

            @Override
            public Headers headers() {
                return headers;
            }

            @Override
            public String processorNodeId() {
                return InputValidationProcessor.NAME;
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 4);
            }

            @Override
            public long timestamp() {
                return 1_700_000_000_000L;
            }

            @Override
            public byte[] sourceRawKey() {
                return key;
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }

    @Test
    void shouldResumeWithTheOriginalRecordAndItsCauseOnInvalidInput() {
        byte[] value = {(byte) 0xC3, 0x01, 7};

        Response response = handler(Map.of())
                .handleError(
                        context(KEY, value),
                        new Record<>(KEY, value, 0L),
                        new InvalidInputException("truncated", "single-object", "truncated: 3 bytes"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = single(response);
        assertThat(letter.topic()).isEqualTo("dlq");
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER)).isEqualTo("truncated");
        assertThat(header(letter, DeadLetterExceptionHandler.FORMAT_HEADER)).isEqualTo("single-object");
        assertThat(header(letter, DeadLetterExceptionHandler.OFFSET_HEADER)).isEqualTo("1234");
        assertThat(header(letter, DeadLetterExceptionHandler.PARTITION_HEADER)).isEqualTo("4");
        assertThat(header(letter, "trace-id")).isEqualTo("t-9");
        assertThat(header(letter, DeadLetterExceptionHandler.VALUE_OMITTED_HEADER))
                .isNull();
    }

    @Test
    void shouldLeaveOutAValueTooLargeForTheProducerButStillDeadLetterTheRecord() {
        byte[] value = new byte[40_000];

        Response response = handler(Map.of("producer.max.request.size", "32768"))
                .handleError(
                        context(KEY, value),
                        new Record<>(KEY, value, 0L),
                        new InvalidInputException("record-too-large", null, "record-too-large: 40003 bytes"));

        assertThat(response.result()).isEqualTo(Result.RESUME);
        ProducerRecord<byte[], byte[]> letter = single(response);
        assertThat(letter.key()).isEqualTo(KEY);
        assertThat(letter.value()).isNull();
        assertThat(header(letter, DeadLetterExceptionHandler.VALUE_OMITTED_HEADER))
                .isEqualTo("40000");
        assertThat(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER)).isEqualTo("record-too-large");
    }

    @Test
    void shouldFailWithoutADeadLetterWhenTheRegistryCannotBeAsked() {
        Response response = handler(Map.of())
                .handleError(
                        context(KEY, new byte[] {0, 0, 0, 0, 2}),
                        new Record<>(KEY, new byte[0], 0L),
                        new SchemaRegistryUnavailableException("down", null));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUnexpectedErrorWithItsStackTraceAndFail() {
        Response response = handler(Map.of())
                .handleError(
                        context(KEY, new byte[] {1}),
                        new Record<>(KEY, new byte[] {1}, 0L),
                        new IllegalStateException("bug"));

        assertThat(response.result()).isEqualTo(Result.FAIL);
        ProducerRecord<byte[], byte[]> letter = single(response);
        assertThat(header(letter, DeadLetterExceptionHandler.CAUSE_HEADER))
                .isEqualTo(DeadLetterExceptionHandler.PROCESSING_ERROR_CAUSE);
        assertThat(header(letter, DeadLetterExceptionHandler.STACKTRACE_HEADER)).contains("IllegalStateException: bug");
    }

    private static ProducerRecord<byte[], byte[]> single(Response response) {
        List<ProducerRecord<byte[], byte[]>> letters = response.deadLetterQueueRecords();
        assertThat(letters).hasSize(1);
        return letters.get(0);
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
