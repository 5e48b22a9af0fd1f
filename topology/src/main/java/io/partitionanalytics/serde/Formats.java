package io.partitionanalytics.serde;

import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.registry.RegistryHealth;
import io.partitionanalytics.serde.registry.RegistrySettings;
import io.partitionanalytics.serde.registry.RegistryTls;
import io.partitionanalytics.serde.registry.SchemaRegistryClient;
import io.partitionanalytics.serde.registry.SchemaRegistryException;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this application's topics are encoded, from its config: the input format, and — when {@code
 * schema.registry.url} is set — the registry client (with its caches and {@link RegistryHealth}) shared by every
 * reader and writer. Outputs are Confluent-framed Avro with a registry, single-object encoded Avro without; readers
 * take both, and old writer versions.
 *
 * <p>One instance per application; {@link #close()} stops the registry client's background probe.
 */
public final class Formats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Formats.class);

    private final WireFormat inputFormat;
    private final SchemaRegistryClient registry;
    private final RegistryHealth health;
    private final boolean autoRegister;

    private Formats(WireFormat inputFormat, SchemaRegistryClient registry, boolean autoRegister) {
        this.inputFormat = inputFormat;
        this.registry = registry;
        this.health = registry != null ? registry.health() : RegistryHealth.notConfigured();
        this.autoRegister = autoRegister;
    }

    public static Formats from(AnalyticsConfig config) {
        WireFormat inputFormat = WireFormat.fromConfig(config.inputFormat());
        if (config.schemaRegistryUrls().isEmpty()) {
            return new Formats(inputFormat, null, false);
        }
        RegistrySettings settings = new RegistrySettings(
                config.schemaRegistryUrls().stream().map(URI::create).toList(),
                Optional.ofNullable(config.password(AnalyticsConfig.BASIC_AUTH_USER_INFO_CONFIG)),
                sslContext(config),
                Duration.ofMillis(config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG)),
                Duration.ofMillis(config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_CONFIG)));
        return new Formats(
                inputFormat,
                new SchemaRegistryClient(settings, RegistryHealth.configured()),
                config.getBoolean(AnalyticsConfig.AUTO_REGISTER_SCHEMAS_CONFIG));
    }

    /** Without a registry: single-object output, input in {@code inputFormat}. */
    public static Formats withoutRegistry(WireFormat inputFormat) {
        return new Formats(inputFormat, null, false);
    }

    /** With a registry: Confluent-framed output. */
    public static Formats withRegistry(WireFormat inputFormat, SchemaRegistryClient registry, boolean autoRegister) {
        return new Formats(inputFormat, registry, autoRegister);
    }

    private static Optional<SSLContext> sslContext(AnalyticsConfig config) {
        String truststore = config.getString(AnalyticsConfig.SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION_CONFIG);
        String keystore = config.getString(AnalyticsConfig.SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION_CONFIG);
        if (truststore == null && keystore == null) {
            return Optional.empty();
        }
        return Optional.of(RegistryTls.sslContext(
                config.getString(AnalyticsConfig.SCHEMA_REGISTRY_SSL_PROTOCOL_CONFIG),
                truststore,
                config.getString(AnalyticsConfig.SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE_CONFIG),
                chars(config.password(AnalyticsConfig.SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD_CONFIG)),
                keystore,
                config.getString(AnalyticsConfig.SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE_CONFIG),
                chars(config.password(AnalyticsConfig.SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD_CONFIG)),
                chars(config.password(AnalyticsConfig.SCHEMA_REGISTRY_SSL_KEY_PASSWORD_CONFIG))));
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    public WireFormat inputFormat() {
        return inputFormat;
    }

    public Optional<SchemaRegistryClient> registry() {
        return Optional.ofNullable(registry);
    }

    /** Whether the registry answers; {@link RegistryHealth.Status#NOT_CONFIGURED} without one. */
    public RegistryHealth registryHealth() {
        return health;
    }

    /** Reads {@code type} from values in {@code format}. */
    public <T extends SpecificRecord> AvroReader<T> reader(Class<T> type, WireFormat format) {
        return new AvroReader<>(type, format, WriterSchemas.known(), registry);
    }

    /**
     * Reads input events as {@code input.format} says; {@link AvroReader#readNumbers} reads values of the current
     * schema with {@link MessageEventNumbers}.
     */
    public AvroReader<MessageEvent> inputReader() {
        return new AvroReader<>(
                MessageEvent.class,
                inputFormat,
                WriterSchemas.known(),
                registry,
                MessageEventNumbers.forCurrentSchema().orElse(null));
    }

    /** How this application writes {@code type}: Confluent-framed with a registry, else single-object. */
    public <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        return registry != null
                ? new ConfluentAvroSerializer<>(type, registry, autoRegister)
                : AvroSerdes.singleObjectSerializer(type);
    }

    /** An output topic's value serde: written as {@link #serializer}, read in any format. */
    public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
        return Serdes.serdeFrom(serializer(type), AvroSerdes.deserializer(reader(type, WireFormat.AUTO)));
    }

    /** The input topic's value serde: written as {@link #serializer} (tools, tests), read as {@code input.format}. */
    public Serde<MessageEvent> inputSerde() {
        return Serdes.serdeFrom(serializer(MessageEvent.class), AvroSerdes.deserializer(inputReader()));
    }

    /**
     * With a registry, gets the id of every output topic's value schema (registering it, or looking it up when
     * {@code auto.register.schemas=false}) before anything is written, so that writing never waits for the registry.
     * Waits as long as the registry is unreachable; a definitive refusal (incompatible with the subject's earlier
     * versions, not registered and not to be registered) is an error.
     *
     * @param valueTypes output topic -> its value type
     */
    public void awaitOutputSchemaIds(Map<String, Class<? extends SpecificRecord>> valueTypes, Duration retryPause)
            throws InterruptedException {
        if (registry == null) {
            return;
        }
        for (Map.Entry<String, Class<? extends SpecificRecord>> entry : valueTypes.entrySet()) {
            String subject = ConfluentAvroSerializer.subject(entry.getKey());
            Schema schema = SpecificData.getForClass(entry.getValue()).getSchema(entry.getValue());
            while (true) {
                try {
                    int id = registry.schemaId(subject, schema, autoRegister);
                    log.info("Schema of {} is id {} under subject {}", schema.getFullName(), id, subject);
                    break;
                } catch (SchemaRegistryUnavailableException e) {
                    log.warn("Waiting for the schema registry to get the id of {}: {}", subject, e.getMessage());
                    Thread.sleep(retryPause.toMillis());
                } catch (SchemaRegistryException e) {
                    throw new IllegalStateException(
                            (autoRegister
                                            ? "The schema registry refused " + schema.getFullName() + " under subject "
                                            : schema.getFullName() + " is not registered under subject ")
                                    + subject + " (" + e.getMessage() + ")"
                                    + (autoRegister ? "" : "; register it, or set auto.register.schemas=true"),
                            e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.close();
        }
    }
}
