package io.partitionanalytics.simulate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * JSON lines: one object per line with {@code key} (a string; a number is taken as its decimal text), {@code timestamp}
 * (epoch milliseconds, or an ISO-8601 string), {@code bytes} (a whole number &gt;= 0) and optionally {@code lat},
 * {@code lng} (numbers; absent or null means no location). Other fields are ignored.
 */
final class JsonLinesTraceParser implements TraceLineParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public TraceEvent parse(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String key = key(node.get(TraceFields.KEY));
        long timestamp = timestamp(node.get(TraceFields.TIMESTAMP));
        long bytes = bytes(node.get(TraceFields.BYTES));
        double lat = coordinate(node.get(TraceFields.LAT), TraceFields.LAT);
        double lng = coordinate(node.get(TraceFields.LNG), TraceFields.LNG);
        TraceFields.checkLocation(lat, lng);
        return new TraceEvent(key.getBytes(StandardCharsets.UTF_8), timestamp, bytes, lat, lng);
    }

    private static String key(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no '" + TraceFields.KEY + "'");
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            return value.asText();
        }
        throw new IllegalArgumentException("'" + TraceFields.KEY + "' must be a string, got " + value);
    }

    private static long timestamp(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no '" + TraceFields.TIMESTAMP + "'");
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            return Timestamps.parse(value.textValue());
        }
        throw new IllegalArgumentException(
                "'" + TraceFields.TIMESTAMP + "' must be epoch milliseconds or an ISO-8601 string, got " + value);
    }

    private static long bytes(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no '" + TraceFields.BYTES + "'");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("'" + TraceFields.BYTES + "' must be a whole number, got " + value);
        }
        if (value.longValue() < 0) {
            throw new IllegalArgumentException("'" + TraceFields.BYTES + "' must be >= 0, got " + value);
        }
        return value.longValue();
    }

    private static double coordinate(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new IllegalArgumentException("'" + field + "' must be a number, got " + value);
        }
        return value.doubleValue();
    }
}
