package io.partitionanalytics.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;

/** An in-memory key-value store that also remembers its writes in order ("put KEY", "delete KEY"). */
final class RecordingStore extends InMemoryKeyValueStore {

    final List<String> writes = new ArrayList<>();

    RecordingStore(String name) {
        super(name);
    }

    @Override
    public synchronized void put(Bytes key, byte[] value) {
        writes.add("put " + text(key));
        super.put(key, value);
    }

    @Override
    public synchronized byte[] delete(Bytes key) {
        writes.add("delete " + text(key));
        return super.delete(key);
    }

    byte[] get(String key) {
        return get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Bytes key) {
        return new String(key.get(), StandardCharsets.UTF_8);
    }
}
