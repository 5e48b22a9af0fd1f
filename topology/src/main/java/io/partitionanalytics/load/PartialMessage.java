package io.partitionanalytics.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the combine step sends to the merge step over the repartition topic: partial loads, and after them the
 * sending task's event-time watermark (broadcast to every merge task, so a window is closed only once every input
 * partition has moved past it).
 */
public sealed interface PartialMessage permits PartialMessage.Partial, PartialMessage.Watermark {

    byte PARTIAL = 1;
    byte WATERMARK = 2;

    /** Loads of one strategy and window, from one task since its previous flush. */
    record Partial(WindowLoad load) implements PartialMessage {}

    /**
     * Input partition {@code inputPartition} will send nothing more for windows that end (plus grace) at or before
     * {@code streamTimeMs}.
     */
    record Watermark(int inputPartition, long streamTimeMs) implements PartialMessage {}

    static Serde<PartialMessage> serde() {
        Serializer<PartialMessage> serializer = (topic, message) -> {
            if (message == null) {
                return null;
            }
            if (message instanceof Partial partial) {
                byte[] load = partial.load().toBytes();
                byte[] out = new byte[load.length + 1];
                out[0] = PARTIAL;
                System.arraycopy(load, 0, out, 1, load.length);
                return out;
            }
            Watermark watermark = (Watermark) message;
            return ByteBuffer.allocate(13)
                    .put(WATERMARK)
                    .putInt(watermark.inputPartition())
                    .putLong(watermark.streamTimeMs())
                    .array();
        };
        Deserializer<PartialMessage> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            return switch (data[0]) {
                case PARTIAL -> new Partial(WindowLoad.fromBytes(Arrays.copyOfRange(data, 1, data.length)));
                case WATERMARK -> {
                    ByteBuffer buffer = ByteBuffer.wrap(data, 1, 12);
                    yield new Watermark(buffer.getInt(), buffer.getLong());
                }
                default -> throw new IllegalArgumentException("unknown partial message type " + data[0]);
            };
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
