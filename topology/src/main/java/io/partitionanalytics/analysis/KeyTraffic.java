package io.partitionanalytics.analysis;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The observed traffic of one key: its bytes (what partitioners hash) with the events and payload bytes seen for it.
 *
 * <p>The key array is kept as given, not copied: these values are built by the million from keys nobody else holds, and
 * a copy each would double the memory of a trace. Callers must not change the array afterwards.
 */
public final class KeyTraffic implements Traffic {

    private final byte[] key;
    private final long events;
    private final long bytes;

    /**
     * @throws IllegalArgumentException if {@code events} or {@code bytes} is negative
     */
    public KeyTraffic(byte[] key, long events, long bytes) {
        this.key = Objects.requireNonNull(key, "key");
        if (events < 0 || bytes < 0) {
            throw new IllegalArgumentException("events and bytes must be >= 0, got " + events + " and " + bytes);
        }
        this.events = events;
        this.bytes = bytes;
    }

    /** The traffic of a key given as text (its UTF-8 bytes, as Kafka's StringSerializer writes it). */
    public static KeyTraffic of(String key, long events, long bytes) {
        return new KeyTraffic(key.getBytes(StandardCharsets.UTF_8), events, bytes);
    }

    /** The key's bytes (not a copy; do not modify). */
    public byte[] key() {
        return key;
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public long bytes() {
        return bytes;
    }

    /** The key for people to read: see {@link #displayText(byte[])}. */
    public String keyText() {
        return displayText(key);
    }

    /**
     * A key as text for reports: its UTF-8 text when it is valid UTF-8 without control characters, otherwise {@code 0x}
     * and its hex digits, so that binary keys stay distinguishable and never garble a terminal.
     */
    public static String displayText(byte[] key) {
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key))
                    .toString();
            if (text.chars().noneMatch(Character::isISOControl)) {
                return text;
            }
        } catch (CharacterCodingException notText) {
            // falls through to hex
        }
        return "0x" + HexFormat.of().formatHex(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTraffic other
                && events == other.events
                && bytes == other.bytes
                && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Long.hashCode(events)) + Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "KeyTraffic(" + keyText() + ", events=" + events + ", bytes=" + bytes + ")";
    }
}
