package io.partitionanalytics.load;

import io.partitionanalytics.schemas.KeyLoad;
import io.partitionanalytics.schemas.PartitionLoad;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/** A closed window as the rows of the {@code partition-load} topic: one per partition, keyed "strategy/partition". */
public final class PartitionLoadRows {

    private PartitionLoadRows() {}

    public static List<KeyValue<String, PartitionLoad>> of(LoadSnapshot snapshot) {
        return snapshot.partitions().stream()
                .map(partition ->
                        KeyValue.pair(snapshot.strategy() + "/" + partition.partition(), toRow(snapshot, partition)))
                .toList();
    }

    static PartitionLoad toRow(LoadSnapshot snapshot, LoadSnapshot.Partition partition) {
        return PartitionLoad.newBuilder()
                .setStrategy(snapshot.strategy())
                .setPartition(partition.partition())
                .setNumPartitions(snapshot.numPartitions())
                .setWindowStartMs(snapshot.windowStartMs())
                .setWindowEndMs(snapshot.windowEndMs())
                .setEvents(partition.events())
                .setBytes(partition.bytes())
                .setShare(partition.share())
                .setMeanEvents(snapshot.meanEvents())
                .setRatioToMean(partition.ratioToMean())
                .setDistinctKeys(partition.distinctKeys())
                .setDistinctKeysLower(partition.distinctKeysLower())
                .setDistinctKeysUpper(partition.distinctKeysUpper())
                .setTopKeys(partition.topKeys().stream()
                        .map(key -> keyLoad(key.key(), key.events(), key.lowerBound(), key.upperBound(), key.share()))
                        .toList())
                .build();
    }

    /** A heavy key as the output schemas carry it (in loads and in alerts). */
    public static KeyLoad keyLoad(String key, long events, long lowerBound, long upperBound, double share) {
        return KeyLoad.newBuilder()
                .setKey(key)
                .setEvents(events)
                .setLowerBound(lowerBound)
                .setUpperBound(upperBound)
                .setShare(share)
                .build();
    }
}
