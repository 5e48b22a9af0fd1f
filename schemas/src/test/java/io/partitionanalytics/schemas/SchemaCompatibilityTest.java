package io.partitionanalytics.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's schema gate: the current schema of every record must read data written with every released version
 * of it (backward compatibility, transitively), so that a consumer on the new version can still read what producers
 * on any older version wrote. A change that breaks this fails the build here.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/main/resources" + ReleasedSchemas.DIRECTORY);
    private static final Pattern FILE = Pattern.compile("([A-Za-z][A-Za-z0-9]*)-v([1-9][0-9]*)\\.avsc");

    static Stream<String> releasedFiles() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedFiles")
    void shouldReadDataOfEveryReleasedVersionWithTheCurrentSchema(String file) throws Exception {
        // Given: a released writer schema and the current schema of the same record
        Matcher name = FILE.matcher(file);
        assertThat(name.matches())
                .as("%s is named <RecordName>-v<N>.avsc", file)
                .isTrue();
        Schema released = new Schema.Parser().parse(RELEASED.resolve(file).toFile());
        Schema current = currentSchema(name.group(1));

        // When: the current schema reads data written with the released one
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(current, released);

        // Then: it can
        assertThat(result.getType())
                .as(
                        "%s cannot read data written with %s: %s",
                        current.getFullName(), file, result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void shouldNumberTheReleasedVersionsOfEachRecordFromOneWithoutGaps() throws IOException {
        Map<String, TreeSet<Integer>> versions = new TreeMap<>();
        for (String file : releasedFiles().toList()) {
            Matcher name = FILE.matcher(file);
            assertThat(name.matches())
                    .as("%s is named <RecordName>-v<N>.avsc", file)
                    .isTrue();
            versions.computeIfAbsent(name.group(1), k -> new TreeSet<>()).add(Integer.parseInt(name.group(2)));
        }

        assertThat(versions).isNotEmpty();
        versions.forEach((record, numbers) -> {
            assertThat(numbers.last()).as("versions of %s: %s", record, numbers).isEqualTo(numbers.size());
            assertThat(ReleasedSchemas.of(record)).hasSize(numbers.size());
        });
    }

    @Test
    void shouldKeepTheFirstReleasedMessageEventAsTheCurrentSchemaWithoutRegion() {
        Schema v1 = ReleasedSchemas.version("MessageEvent", 1).orElseThrow();

        assertThat(v1.getField("region")).isNull();
        assertThat(MessageEvent.getClassSchema().getField("region").defaultVal())
                .isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(fieldNames(v1))
                .containsExactlyElementsOf(fieldNames(MessageEvent.getClassSchema())
                        .subList(0, v1.getFields().size()));
    }

    @Test
    void shouldRefuseANewRequiredFieldOrANarrowedType() {
        // The gate's own check, on changes it must refuse: a required field without default, and long -> int.
        Schema v1 = ReleasedSchemas.version("MessageEvent", 1).orElseThrow();
        Schema withRequiredField = withExtraField(v1, SchemaBuilder.builder().stringType(), false);
        Schema narrowed = SchemaBuilder.record("MessageEvent")
                .namespace("io.partitionanalytics.schemas")
                .fields()
                .requiredString("event_id")
                .requiredInt("timestamp_ms")
                .endRecord();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withRequiredField, v1)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(narrowed, v1)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(
                                withExtraField(v1, SchemaBuilder.builder().stringType(), true), v1)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema currentSchema(String recordName) throws ClassNotFoundException {
        Class<?> type = Class.forName("io.partitionanalytics.schemas." + recordName);
        return SpecificData.get().getSchema(type);
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }

    private static Schema withExtraField(Schema schema, Schema type, boolean optional) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(
                optional
                        ? new Schema.Field(
                                "extra",
                                Schema.createUnion(Schema.create(Schema.Type.NULL), type),
                                null,
                                Schema.Field.NULL_DEFAULT_VALUE)
                        : new Schema.Field("extra", type, null, (Object) null));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError(), fields);
    }
}
