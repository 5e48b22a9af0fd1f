package io.partitionanalytics.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The schemas of every released version of this project's records, as they went out: {@code
 * released/<RecordName>-v<N>.avsc} on the classpath, one self-contained schema per file, versions numbered from 1
 * without gaps.
 *
 * <p>Two users: the build, which refuses a current schema that cannot read every released version (see {@code
 * SchemaCompatibilityTest}), and readers of Avro single-object encoded data, whose writers may still be on an older
 * version: the payload names its writer schema only by fingerprint, so the reader must know that schema.
 *
 * <p>At release time, copy each changed schema here as its next version.
 */
public final class ReleasedSchemas {

    /** Classpath directory of the released schemas. */
    public static final String DIRECTORY = "/io/partitionanalytics/schemas/released/";

    private ReleasedSchemas() {}

    /** Every released version of the record with this simple name, oldest first; empty when none was released. */
    public static List<Schema> of(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int version = 1; ; version++) {
            Optional<Schema> schema = version(recordName, version);
            if (schema.isEmpty()) {
                return List.copyOf(versions);
            }
            versions.add(schema.get());
        }
    }

    /** Released version {@code version} (from 1) of the record with this simple name, if there is one. */
    public static Optional<Schema> version(String recordName, int version) {
        String resource = DIRECTORY + fileName(recordName, version);
        try (InputStream in = ReleasedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            // One parser per file: each file is self-contained, and versions of one record share its full name.
            return Optional.of(new Schema.Parser().parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read released schema " + resource, e);
        }
    }

    public static String fileName(String recordName, int version) {
        return recordName + "-v" + version + ".avsc";
    }
}
