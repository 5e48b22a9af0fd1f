package io.partitionanalytics.app;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A topic's name with the serdes of its keys and values: the only way processors refer to a topic. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName(name + "-source");
    }

    /** Keys and values as the bytes on the topic, for a step that decodes (and validates) them itself. */
    public Consumed<byte[], byte[]> consumedAsBytes() {
        return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source");
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde).withName(name + "-sink");
    }
}
