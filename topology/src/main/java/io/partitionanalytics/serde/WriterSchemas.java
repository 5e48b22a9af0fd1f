package io.partitionanalytics.serde;

import io.partitionanalytics.schemas.HotspotAlert;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.RebalanceRecommendation;
import io.partitionanalytics.schemas.ReleasedSchemas;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;

/**
 * Every writer schema a single-object encoded value may name by fingerprint: the current schema of each record and
 * each of its released versions ({@link ReleasedSchemas}), so that data of producers still on an older version is
 * read, resolved to the current schema.
 */
public final class WriterSchemas implements SchemaStore {

    private static final List<Class<?>> RECORDS =
            List.of(MessageEvent.class, PartitionLoad.class, HotspotAlert.class, RebalanceRecommendation.class);
    private static final WriterSchemas KNOWN = new WriterSchemas();

    private final SchemaStore.Cache cache = new SchemaStore.Cache();

    private WriterSchemas() {
        for (Class<?> type : RECORDS) {
            Schema current = SpecificData.get().getSchema(type);
            cache.addSchema(current);
            ReleasedSchemas.of(current.getName()).forEach(cache::addSchema);
        }
    }

    /** The schemas of this build: current and released versions of every record. */
    public static WriterSchemas known() {
        return KNOWN;
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return cache.findByFingerprint(fingerprint);
    }
}
