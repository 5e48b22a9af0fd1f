package io.partitionanalytics.serde;

import io.partitionanalytics.schemas.MessageEvent;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.io.BinaryDecoder;
import org.slf4j.LoggerFactory;

/**
 * Reads the numbers of a {@link MessageEvent} written with the fields of {@link #LAYOUT} — the current schema — for
 * {@link AvroReader#readNumbers}: every string's length is read and checked as {@link BinaryDecoder#readString} checks
 * it and its bytes skipped, the numbers are kept, each union's branch is checked. Its text is dropped (empty strings),
 * as {@link TextDroppingDecoder} drops it on the resolving path.
 *
 * <p>Written here because Avro's own way of reading a record field by field, its generated {@code customDecode}, needs
 * a {@code ResolvingDecoder}: with it (Avro's fast reader off, custom coders on) {@code readNumbers} took 334 ± 81 ns
 * against 250 ± 51 ns with the fast reader; in another run, 112 ± 62 ns with this against 300 ± 82 ns with the fast
 * reader (JMH, BENCHMARKS.md). Decoding each field is still Avro's.
 *
 * <p>Only for that one layout: {@link #forCurrentSchema()} gives none once {@code MessageEvent.avsc} has moved on, and
 * every value is then read by Avro's schema resolution (a test fails then, for this class to follow the schema). A
 * record or enum type in a field would need more than a type name here; the layout has none.
 */
public final class MessageEventNumbers implements AvroReader.OwnSchemaReader<MessageEvent> {

    /** The fields {@link #read} reads, in order, with their types. */
    static final List<String> LAYOUT = List.of(
            "event_id: string",
            "channel_id: string",
            "guild_id: string",
            "user_id: string",
            "timestamp_ms: long",
            "payload_bytes: int",
            "latitude: [null, double]",
            "longitude: [null, double]",
            "region: [null, string]");

    private static final int LEADING_STRINGS = 4;
    private static final int NULL_BRANCH = 0;
    private static final int VALUE_BRANCH = 1;

    /** One reader, stateless, for every thread (after {@link #LAYOUT}, which it reads). */
    private static final Optional<AvroReader.OwnSchemaReader<MessageEvent>> FOR_CURRENT_SCHEMA = forCurrentLayout();

    private MessageEventNumbers() {}

    /** A reader when the current {@code MessageEvent} schema has the fields of {@link #LAYOUT}; empty once it has not. */
    public static Optional<AvroReader.OwnSchemaReader<MessageEvent>> forCurrentSchema() {
        return FOR_CURRENT_SCHEMA;
    }

    private static Optional<AvroReader.OwnSchemaReader<MessageEvent>> forCurrentLayout() {
        List<String> current = layoutOf(MessageEvent.getClassSchema());
        if (current.equals(LAYOUT)) {
            return Optional.of(new MessageEventNumbers());
        }
        // Correct, only slower: say so once, for whoever changes the schema.
        LoggerFactory.getLogger(MessageEventNumbers.class)
                .warn(
                        "MessageEvent's fields are now {}, not {} as MessageEventNumbers reads them: input"
                                + " values are read through Avro's schema resolution instead, which takes about"
                                + " three times as long (BENCHMARKS.md)",
                        current,
                        LAYOUT);
        return Optional.empty();
    }

    static List<String> layoutOf(Schema record) {
        return record.getFields().stream()
                .map(field -> field.name() + ": " + typeOf(field.schema()))
                .toList();
    }

    private static String typeOf(Schema schema) {
        return schema.isUnion()
                ? schema.getTypes().stream()
                        .map(MessageEventNumbers::typeOf)
                        .collect(Collectors.joining(", ", "[", "]"))
                : schema.getType().getName();
    }

    @Override
    public MessageEvent read(BinaryDecoder in, MessageEvent reuse) throws IOException {
        MessageEvent event = reuse != null ? reuse : new MessageEvent();
        // event_id, channel_id, guild_id, user_id. A loop, not four calls: the JIT inlines Avro's varint decoding
        // (~500 bytes of bytecode) once per call site, into every hot caller of the reader.
        for (int field = 0; field < LEADING_STRINGS; field++) {
            skipString(in);
        }
        event.setEventId("");
        event.setChannelId("");
        event.setGuildId("");
        event.setUserId("");
        event.setTimestampMs(in.readLong());
        event.setPayloadBytes(in.readInt());
        event.setLatitude(branch(in, "latitude") == VALUE_BRANCH ? in.readDouble() : null);
        event.setLongitude(branch(in, "longitude") == VALUE_BRANCH ? in.readDouble() : null);
        if (branch(in, "region") == VALUE_BRANCH) {
            skipString(in);
            event.setRegion("");
        } else {
            event.setRegion(null);
        }
        return event;
    }

    /**
     * A string, checked as {@link BinaryDecoder#readString} checks it (a negative length or one over Avro's limit is
     * refused; past the end is an {@link java.io.EOFException}) and skipped. Not Avro's {@code skipString}, which takes
     * a negative length for zero.
     */
    private static void skipString(BinaryDecoder in) throws IOException {
        in.skipFixed(SystemLimitException.checkMaxStringLength(in.readLong()));
    }

    /** A {@code ["null", T]} union's branch. */
    private static int branch(BinaryDecoder in, String field) throws IOException {
        int branch = in.readIndex();
        if (branch != NULL_BRANCH && branch != VALUE_BRANCH) {
            throw new AvroRuntimeException("union branch " + branch + " of " + field + " out of range (2 branches)");
        }
        return branch;
    }
}
