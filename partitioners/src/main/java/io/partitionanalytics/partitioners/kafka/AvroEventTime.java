package io.partitionanalytics.partitioners.kafka;

import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads event time out of an Avro value. Kept apart from {@link TimeBucketPartitioner} so that Avro classes are only
 * resolved once {@link #avroPresent()} has said they can be.
 */
final class AvroEventTime {

    private AvroEventTime() {}

    static boolean avroPresent() {
        try {
            Class.forName("org.apache.avro.generic.GenericRecord", false, AvroEventTime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static long read(Object value, String field, String topic) {
        if (!(value instanceof GenericRecord)) {
            throw new IllegalArgumentException("TimeBucketPartitioner: the value for topic '" + topic + "' is "
                    + (value == null ? "null" : "a " + value.getClass().getName())
                    + ", not an Avro record with event time in field '" + field + "'");
        }
        GenericRecord record = (GenericRecord) value;
        Schema.Field f = record.getSchema().getField(field);
        if (f == null) {
            throw new IllegalArgumentException("TimeBucketPartitioner: the value for topic '" + topic + "' ("
                    + record.getSchema().getFullName() + ") has no field '" + field + "'");
        }
        Object t = record.get(f.pos());
        if (t instanceof Long) {
            return (Long) t;
        }
        if (t instanceof Integer) {
            return (Integer) t;
        }
        if (t instanceof Instant) {
            return ((Instant) t).toEpochMilli();
        }
        throw new IllegalArgumentException("TimeBucketPartitioner: field '" + field + "' of the value for topic '"
                + topic + "' is " + (t == null ? "null" : "a " + t.getClass().getName())
                + ", not epoch milliseconds");
    }
}
