package io.partitionanalytics.config;

import io.partitionanalytics.analysis.advice.AdvisorSettings;
import io.partitionanalytics.analysis.detect.DetectorSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The application's own settings, declared once with their defaults, validators and docs (Kafka's {@link ConfigDef}
 * style). Every other key (bootstrap.servers, security settings, any Streams/producer/consumer key) passes through to
 * Kafka Streams unchanged; see {@link #streamsProperties()}.
 */
public final class AnalyticsConfig extends AbstractConfig {

    public static final String INPUT_TOPIC_CONFIG = "input.topic";
    private static final String INPUT_TOPIC_DOC = "Topic of the keyed traffic to analyse (read only).";

    public static final String LOAD_TOPIC_CONFIG = "load.topic";
    private static final String LOAD_TOPIC_DOC = "Output: one PartitionLoad per strategy, partition and closed window.";

    public static final String HOTSPOTS_TOPIC_CONFIG = "hotspots.topic";
    private static final String HOTSPOTS_TOPIC_DOC = "Output: HotspotAlert state changes.";

    public static final String RECOMMENDATIONS_TOPIC_CONFIG = "recommendations.topic";
    private static final String RECOMMENDATIONS_TOPIC_DOC = "Output: RebalanceRecommendations.";

    public static final String DLQ_TOPIC_CONFIG = "dlq.topic";
    private static final String DLQ_TOPIC_DOC =
            "Dead-letter topic: undecodable or invalid input records, with the cause in headers.";

    public static final String STRATEGIES_CONFIG = "analysis.strategies";
    private static final String STRATEGIES_DOC =
            "Strategies to compare on the live traffic. 'observed' is the partition "
                    + "each record was read from; the others are computed. Options of strategy S are given as strategy.S.<option>"
                    + ", its partition count as strategy.S.partitions (default: the input topic's partition count).";
    public static final List<String> DEFAULT_STRATEGIES = List.of(
            "observed", "kafka-default", "murmur3-channel", "time-bucket", "channel-bucket", "consistent-hash", "jump");

    public static final String STRATEGY_PREFIX = "strategy.";

    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";
    private static final String WINDOW_SIZE_MS_DOC = "Size of the tumbling windows that loads are measured over. "
            + "With hotspot.min.windows=3, a hot partition is reported about 3 windows + grace after its onset.";

    public static final String WINDOW_GRACE_MS_CONFIG = "window.grace.ms";
    private static final String WINDOW_GRACE_MS_DOC = "How long after its end a window still accepts out-of-order "
            + "events. Later events are counted in the late-events metric, never silently dropped.";

    public static final String WATERMARK_IDLE_MS_CONFIG = "watermark.idle.ms";
    private static final String WATERMARK_IDLE_MS_DOC = "An input partition that delivered nothing for this long (wall "
            + "clock) stops holding windows open: its event-time watermark follows the wall clock.";

    public static final String COMBINE_FLUSH_INTERVAL_MS_CONFIG = "combine.flush.interval.ms";
    private static final String COMBINE_FLUSH_INTERVAL_MS_DOC = "Each task sends its partial loads (and its "
            + "watermark) to the merge step at every commit (commit.interval.ms), in the commit's transaction. At "
            + "wall-clock multiples of this interval (all tasks together) it also sends what no commit sent since the "
            + "last such moment (when commits are rarer than this), and a partition quiet for watermark.idle.ms lets "
            + "its time follow the clock.";

    public static final String MERGE_PARTITIONS_CONFIG = "merge.partitions";
    private static final String MERGE_PARTITIONS_DOC = "Partitions of the internal topic that carries partial loads to "
            + "the merge step, and so the number of tasks that merge, detect and advise. 0: one per merge route (each "
            + "strategy whose placement of a key can change within a window is a route, all the others together are "
            + "one: 2 with the default strategies), which is as far as the merge step can spread, since a route is "
            + "never split. An internal topic cannot change its partition count: once the application has run, a "
            + "different value (or, at 0, strategies with a different number of routes) stops start-up until the "
            + "application is reset (kafka-streams-application-reset) or runs under a new application.id.";

    public static final String INPUT_PARTITIONS_CONFIG = "input.partitions";
    private static final String INPUT_PARTITIONS_DOC = "Partition count of the input topic; 0 reads it from the "
            + "cluster at start-up. The merge step waits for a watermark from each of them before closing a window.";

    public static final String OUTPUT_PARTITIONS_CONFIG = "output.topic.partitions";
    private static final String OUTPUT_PARTITIONS_DOC = "Partitions of the output topics when this application creates "
            + "them at start-up (existing topics are left as they are).";

    public static final String OUTPUT_REPLICATION_CONFIG = "output.topic.replication.factor";
    private static final String OUTPUT_REPLICATION_DOC =
            "Replication factor of output topics this application creates; "
                    + "-1 takes the broker's default.replication.factor.";

    public static final String ADVICE_NODES_CONFIG = "advice.nodes";
    private static final String ADVICE_NODES_DOC = "Nodes the partitions of a computed strategy are spread over "
            + "(round-robin) when the advisor plans partition moves; observed uses the real brokers.";
    public static final String ADVICE_TARGET_RATIO_CONFIG = "advice.target.ratio";
    private static final String ADVICE_TARGET_RATIO_DOC =
            "The hottest partition (or node) / mean that recommendations " + "aim for.";

    public static final String HTTP_HOST_CONFIG = "http.host";
    private static final String HTTP_HOST_DOC = "Address the HTTP port (/api, /metrics, /health, the web view) binds "
            + "to. The default keeps it on this machine; set 0.0.0.0 to expose it.";

    public static final String HTTP_PORT_CONFIG = "http.port";
    private static final String HTTP_PORT_DOC = "The HTTP port; 0 picks a free one.";

    public static final String HTTP_ADVERTISED_HOST_CONFIG = "http.advertised.host";
    private static final String HTTP_ADVERTISED_HOST_DOC = "Host name other instances use to reach this one's HTTP "
            + "port (advertised as application.server for interactive queries). Default: http.host, or this "
            + "machine's host name when http.host is 0.0.0.0.";

    public static final String HOTSPOT_ENTER_RATIO_CONFIG = "hotspot.enter.ratio";
    private static final String HOTSPOT_ENTER_RATIO_DOC = "A partition is hot in a window when its events are at least "
            + "this multiple of the mean (total / N over all N partitions, empty ones included).";
    public static final String HOTSPOT_MIN_WINDOWS_CONFIG = "hotspot.min.windows";
    private static final String HOTSPOT_MIN_WINDOWS_DOC = "Consecutive hot windows before an alert OPENs.";
    public static final String HOTSPOT_EXIT_RATIO_CONFIG = "hotspot.exit.ratio";
    private static final String HOTSPOT_EXIT_RATIO_DOC =
            "An open alert counts a window as cool below this multiple of " + "the mean (at most hotspot.enter.ratio).";
    public static final String HOTSPOT_EXIT_WINDOWS_CONFIG = "hotspot.exit.windows";
    private static final String HOTSPOT_EXIT_WINDOWS_DOC = "Consecutive cool windows before an alert is RESOLVED.";
    public static final String HOTSPOT_CRITICAL_RATIO_CONFIG = "hotspot.critical.ratio";
    private static final String HOTSPOT_CRITICAL_RATIO_DOC =
            "Severity CRITICAL from this multiple of the mean, WARN " + "below it (at least hotspot.enter.ratio).";
    public static final String HOTSPOT_COOLDOWN_WINDOWS_CONFIG = "hotspot.cooldown.windows";
    private static final String HOTSPOT_COOLDOWN_WINDOWS_DOC =
            "Windows after a RESOLVED during which the same partition "
                    + "does not open again: keeps a partition near the threshold from flapping.";
    public static final String HOTSPOT_KEY_SHARE_CHANGE_CONFIG = "hotspot.key.share.change";
    private static final String HOTSPOT_KEY_SHARE_CHANGE_DOC =
            "An open alert sends UPDATE when its heaviest key changes "
                    + "or a heavy key's share of the partition moves by at least this much (0..1).";
    public static final String INPUT_FORMAT_CONFIG = "input.format";
    private static final String INPUT_FORMAT_DOC = "How input values are encoded: 'confluent' (magic byte 0, 4-byte "
            + "schema id, Avro binary; needs schema.registry.url), 'single-object' (Avro single-object encoding: C3 01, "
            + "the writer schema's fingerprint, Avro binary), 'json' (a JSON object with MessageEvent's fields), or "
            + "'auto' (any of these, told apart per record by its first bytes). Old and new writer schemas are read "
            + "into the current MessageEvent. Values that do not decode go to the dead-letter topic.";

    public static final String INPUT_MAX_RECORD_BYTES_CONFIG = "input.max.record.bytes";
    private static final String INPUT_MAX_RECORD_BYTES_DOC = "Input records whose key and value together are larger "
            + "than this go to the dead-letter topic without being decoded.";

    public static final String INPUT_MAX_FUTURE_SKEW_MS_CONFIG = "input.max.future.skew.ms";
    private static final String INPUT_MAX_FUTURE_SKEW_MS_DOC = "Events whose timestamp_ms is more than this ahead of "
            + "the wall clock go to the dead-letter topic, as do negative timestamps. An accepted event from the future "
            + "advances its partition's stream time, so keep this small.";

    public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
    private static final String SCHEMA_REGISTRY_URL_DOC = "Schema Registry base URLs, comma-separated (Confluent's "
            + "REST API). Needed to read Confluent-framed input. When set, outputs are written Confluent-framed, their "
            + "schemas registered under '<topic>-value' (TopicNameStrategy); when empty, in Avro single-object "
            + "encoding.";

    public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
    private static final String BASIC_AUTH_USER_INFO_DOC = "'user:password' for HTTP basic authentication to the "
            + "schema registry, as in Confluent's serializers. Credentials in the URL (https://user:password@host) "
            + "work too.";

    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    private static final String AUTO_REGISTER_SCHEMAS_DOC = "With a schema registry: register the output schemas "
            + "under '<topic>-value' at start-up. false: only look them up (POST /subjects/<subject>); start-up fails "
            + "if one is not registered.";

    public static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
    private static final String SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC =
            "Limit of one HTTP request to the schema registry, connecting included.";

    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
    private static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DOC = "First pause before retrying a registry "
            + "request that got no usable answer (no connection, timeout, 5xx, 429, 401/403); doubled after each "
            + "retry, with jitter.";

    public static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG = "schema.registry.retry.backoff.max.ms";
    private static final String SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DOC =
            "Longest pause between retries; also how often a stream thread waiting for an unreachable registry, "
                    + "and the background probe, ask it again.";

    public static final String SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_CONFIG = "schema.registry.retry.timeout.ms";
    private static final String SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_DOC = "How long one registry request is retried "
            + "before the registry is reported unreachable (health). A stream thread that needs the registry then "
            + "keeps waiting, retrying every schema.registry.retry.backoff.max.ms: records are never dead-lettered for "
            + "an outage. A wait longer than the transaction timeout (exactly-once) or max.poll.interval.ms makes "
            + "Kafka Streams redo the thread's uncommitted work once the registry answers; nothing is lost.";

    public static final String SCHEMA_REGISTRY_SSL_PREFIX = "schema.registry.ssl.";
    public static final String SCHEMA_REGISTRY_SSL_PROTOCOL_CONFIG = SCHEMA_REGISTRY_SSL_PREFIX + "protocol";
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION_CONFIG =
            SCHEMA_REGISTRY_SSL_PREFIX + "truststore.location";
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD_CONFIG =
            SCHEMA_REGISTRY_SSL_PREFIX + "truststore.password";
    public static final String SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE_CONFIG =
            SCHEMA_REGISTRY_SSL_PREFIX + "truststore.type";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION_CONFIG =
            SCHEMA_REGISTRY_SSL_PREFIX + "keystore.location";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD_CONFIG =
            SCHEMA_REGISTRY_SSL_PREFIX + "keystore.password";
    public static final String SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE_CONFIG = SCHEMA_REGISTRY_SSL_PREFIX + "keystore.type";
    public static final String SCHEMA_REGISTRY_SSL_KEY_PASSWORD_CONFIG = SCHEMA_REGISTRY_SSL_PREFIX + "key.password";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(
                    INPUT_TOPIC_CONFIG,
                    Type.STRING,
                    "message-events",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    INPUT_TOPIC_DOC)
            .define(
                    LOAD_TOPIC_CONFIG,
                    Type.STRING,
                    "partition-load",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    LOAD_TOPIC_DOC)
            .define(
                    HOTSPOTS_TOPIC_CONFIG,
                    Type.STRING,
                    "partition-hotspots",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    HOTSPOTS_TOPIC_DOC)
            .define(
                    RECOMMENDATIONS_TOPIC_CONFIG,
                    Type.STRING,
                    "rebalance-recommendations",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    RECOMMENDATIONS_TOPIC_DOC)
            .define(
                    DLQ_TOPIC_CONFIG,
                    Type.STRING,
                    "partition-analytics-dlq",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    DLQ_TOPIC_DOC)
            .define(
                    STRATEGIES_CONFIG,
                    Type.LIST,
                    DEFAULT_STRATEGIES,
                    ConfigDef.ValidList.anyNonDuplicateValues(false, false),
                    Importance.HIGH,
                    STRATEGIES_DOC)
            .define(
                    WINDOW_SIZE_MS_CONFIG,
                    Type.LONG,
                    2_000L,
                    ConfigDef.Range.between(100L, 86_400_000L),
                    Importance.HIGH,
                    WINDOW_SIZE_MS_DOC)
            .define(
                    WINDOW_GRACE_MS_CONFIG,
                    Type.LONG,
                    1_000L,
                    ConfigDef.Range.between(0L, 86_400_000L),
                    Importance.MEDIUM,
                    WINDOW_GRACE_MS_DOC)
            .define(
                    WATERMARK_IDLE_MS_CONFIG,
                    Type.LONG,
                    10_000L,
                    ConfigDef.Range.atLeast(100L),
                    Importance.LOW,
                    WATERMARK_IDLE_MS_DOC)
            .define(
                    COMBINE_FLUSH_INTERVAL_MS_CONFIG,
                    Type.LONG,
                    250L,
                    ConfigDef.Range.between(10L, 60_000L),
                    Importance.LOW,
                    COMBINE_FLUSH_INTERVAL_MS_DOC)
            .define(
                    MERGE_PARTITIONS_CONFIG,
                    Type.INT,
                    0,
                    ConfigDef.Range.between(0, 10_000),
                    Importance.LOW,
                    MERGE_PARTITIONS_DOC)
            .define(
                    INPUT_PARTITIONS_CONFIG,
                    Type.INT,
                    0,
                    ConfigDef.Range.between(0, 100_000),
                    Importance.LOW,
                    INPUT_PARTITIONS_DOC)
            .define(
                    OUTPUT_PARTITIONS_CONFIG,
                    Type.INT,
                    3,
                    ConfigDef.Range.between(1, 10_000),
                    Importance.LOW,
                    OUTPUT_PARTITIONS_DOC)
            .define(
                    OUTPUT_REPLICATION_CONFIG,
                    Type.SHORT,
                    (short) -1,
                    ConfigDef.Range.between(-1, 32),
                    Importance.LOW,
                    OUTPUT_REPLICATION_DOC)
            .define(
                    HOTSPOT_ENTER_RATIO_CONFIG,
                    Type.DOUBLE,
                    1.5,
                    ConfigDef.Range.between(1.0001, 1000.0),
                    Importance.HIGH,
                    HOTSPOT_ENTER_RATIO_DOC)
            .define(
                    HOTSPOT_MIN_WINDOWS_CONFIG,
                    Type.INT,
                    3,
                    ConfigDef.Range.between(1, 1000),
                    Importance.HIGH,
                    HOTSPOT_MIN_WINDOWS_DOC)
            .define(
                    HOTSPOT_EXIT_RATIO_CONFIG,
                    Type.DOUBLE,
                    1.2,
                    ConfigDef.Range.between(1.0, 1000.0),
                    Importance.MEDIUM,
                    HOTSPOT_EXIT_RATIO_DOC)
            .define(
                    HOTSPOT_EXIT_WINDOWS_CONFIG,
                    Type.INT,
                    2,
                    ConfigDef.Range.between(1, 1000),
                    Importance.MEDIUM,
                    HOTSPOT_EXIT_WINDOWS_DOC)
            .define(
                    HOTSPOT_CRITICAL_RATIO_CONFIG,
                    Type.DOUBLE,
                    3.0,
                    ConfigDef.Range.between(1.0001, 1000.0),
                    Importance.MEDIUM,
                    HOTSPOT_CRITICAL_RATIO_DOC)
            .define(
                    HOTSPOT_COOLDOWN_WINDOWS_CONFIG,
                    Type.INT,
                    2,
                    ConfigDef.Range.between(0, 1000),
                    Importance.LOW,
                    HOTSPOT_COOLDOWN_WINDOWS_DOC)
            .define(
                    HOTSPOT_KEY_SHARE_CHANGE_CONFIG,
                    Type.DOUBLE,
                    0.2,
                    ConfigDef.Range.between(0.01, 1.0),
                    Importance.LOW,
                    HOTSPOT_KEY_SHARE_CHANGE_DOC)
            .define(
                    ADVICE_NODES_CONFIG,
                    Type.INT,
                    3,
                    ConfigDef.Range.between(1, 100_000),
                    Importance.LOW,
                    ADVICE_NODES_DOC)
            .define(
                    ADVICE_TARGET_RATIO_CONFIG,
                    Type.DOUBLE,
                    1.2,
                    ConfigDef.Range.between(1.0001, 100.0),
                    Importance.MEDIUM,
                    ADVICE_TARGET_RATIO_DOC)
            .define(
                    HTTP_HOST_CONFIG,
                    Type.STRING,
                    "127.0.0.1",
                    new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM,
                    HTTP_HOST_DOC)
            .define(
                    HTTP_PORT_CONFIG,
                    Type.INT,
                    8080,
                    ConfigDef.Range.between(0, 65535),
                    Importance.MEDIUM,
                    HTTP_PORT_DOC)
            .define(HTTP_ADVERTISED_HOST_CONFIG, Type.STRING, "", Importance.LOW, HTTP_ADVERTISED_HOST_DOC)
            .define(
                    INPUT_FORMAT_CONFIG,
                    Type.STRING,
                    "auto",
                    ConfigDef.ValidString.in("auto", "confluent", "single-object", "json"),
                    Importance.HIGH,
                    INPUT_FORMAT_DOC)
            .define(
                    INPUT_MAX_RECORD_BYTES_CONFIG,
                    Type.INT,
                    1_048_576,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    INPUT_MAX_RECORD_BYTES_DOC)
            .define(
                    INPUT_MAX_FUTURE_SKEW_MS_CONFIG,
                    Type.LONG,
                    60_000L,
                    ConfigDef.Range.atLeast(0L),
                    Importance.LOW,
                    INPUT_MAX_FUTURE_SKEW_MS_DOC)
            .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, "", new HttpUrls(), Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
            .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, BASIC_AUTH_USER_INFO_DOC)
            .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_SCHEMAS_DOC)
            .define(
                    SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_CONFIG,
                    Type.LONG,
                    5_000L,
                    ConfigDef.Range.between(1L, 600_000L),
                    Importance.LOW,
                    SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS_DOC)
            .define(
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG,
                    Type.LONG,
                    100L,
                    ConfigDef.Range.between(1L, 600_000L),
                    Importance.LOW,
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MS_DOC)
            .define(
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG,
                    Type.LONG,
                    2_000L,
                    ConfigDef.Range.between(1L, 600_000L),
                    Importance.LOW,
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_DOC)
            .define(
                    SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_CONFIG,
                    Type.LONG,
                    5_000L,
                    ConfigDef.Range.between(0L, 3_600_000L),
                    Importance.LOW,
                    SCHEMA_REGISTRY_RETRY_TIMEOUT_MS_DOC)
            .define(
                    SCHEMA_REGISTRY_SSL_PROTOCOL_CONFIG,
                    Type.STRING,
                    "TLSv1.3",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "TLS protocol of https registry URLs (SSLContext name: TLSv1.3 also negotiates TLSv1.2).")
            .define(
                    SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION_CONFIG,
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "Truststore with the registry's CA for https URLs; unset: the JVM's default trust.")
            .define(
                    SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD_CONFIG,
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "Password of the registry truststore.")
            .define(
                    SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE_CONFIG,
                    Type.STRING,
                    "JKS",
                    ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
                    Importance.LOW,
                    "Type of the registry truststore.")
            .define(
                    SCHEMA_REGISTRY_SSL_KEYSTORE_LOCATION_CONFIG,
                    Type.STRING,
                    null,
                    Importance.MEDIUM,
                    "Keystore with this client's certificate, for registries that require mutual TLS.")
            .define(
                    SCHEMA_REGISTRY_SSL_KEYSTORE_PASSWORD_CONFIG,
                    Type.PASSWORD,
                    null,
                    Importance.MEDIUM,
                    "Password of the registry keystore.")
            .define(
                    SCHEMA_REGISTRY_SSL_KEYSTORE_TYPE_CONFIG,
                    Type.STRING,
                    "JKS",
                    ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
                    Importance.LOW,
                    "Type of the registry keystore.")
            .define(
                    SCHEMA_REGISTRY_SSL_KEY_PASSWORD_CONFIG,
                    Type.PASSWORD,
                    null,
                    Importance.LOW,
                    "Password of the private key in the registry keystore; unset: the keystore's password.");

    /** Defaults this application sets for Kafka Streams; the user's values win. */
    private static final Map<String, Object> STREAMS_DEFAULTS = Map.ofEntries(
            Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, "partition-analytics"),
            Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
            // A hotspot should be reported about one window after its onset; under EOS, output is visible only
            // after a commit.
            Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500),
            Map.entry(
                    StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueExceptionHandler.class.getName()),
            // Bad input goes to the dead-letter topic with its cause; a registry outage pauses processing instead.
            Map.entry(
                    StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    "io.partitionanalytics.input.DeadLetterExceptionHandler"),
            // A record whose Kafka timestamp is invalid must reach the validation step, not stop a stream thread.
            Map.entry(
                    StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                    "io.partitionanalytics.input.InputTimestampExtractor"),
            Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            // Every task reads exactly one partition (see the topology), so there is nothing to align between
            // partitions; -1 also skips Streams' idling bookkeeping, which formats a log line for every task with an
            // empty buffer on every loop (~4% of a stream thread's time in a profile of bench).
            Map.entry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L),
            // Kafka Streams 4.3 sleeps this long after each internal topic it creates (KAFKA-21033: 0.7 s for this
            // topology's eight changelogs on a first start, at the default 100). The price: the clients too start
            // their retries at 10 ms (doubling up to retry.backoff.max.ms), and while an internal topic is not ready
            // (being deleted, say) Streams' group leader asks the cluster every 10 ms.
            Map.entry(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 10L),
            // The restore consumer asks for a changelog's first offset on the connection where its fetch of another
            // changelog waits for data: with empty or short changelogs (a first start, a small task moving) every
            // such wait costs fetch.max.wait.ms (500 by default) before restoration can finish. The price: an idle
            // restore consumer that keeps standby replicas fetches ~20 times a second instead of 2.
            Map.entry(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50),
            // There is no global store; opting in now only silences a start-up warning about Kafka 5.0.
            Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true));

    private final Map<String, Object> originals;

    public AnalyticsConfig(Map<?, ?> props) {
        super(CONFIG, props, false);
        this.originals = new LinkedHashMap<>(originalsStrings());
        validate();
    }

    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private void validate() {
        long size = getLong(WINDOW_SIZE_MS_CONFIG);
        long flush = getLong(COMBINE_FLUSH_INTERVAL_MS_CONFIG);
        if (flush > size) {
            throw new ConfigException(
                    COMBINE_FLUSH_INTERVAL_MS_CONFIG,
                    flush,
                    "must not exceed " + WINDOW_SIZE_MS_CONFIG + " (" + size + "), or windows would close late");
        }
        try {
            detectorSettings();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("hotspot settings: " + e.getMessage() + " (" + HOTSPOT_EXIT_RATIO_CONFIG + " <= "
                    + HOTSPOT_ENTER_RATIO_CONFIG + " <= " + HOTSPOT_CRITICAL_RATIO_CONFIG + ")");
        }
        if (!originals.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException("Missing required configuration \"" + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG
                    + "\" (or environment variable KAFKA_BOOTSTRAP_SERVERS): the Kafka cluster to analyse.");
        }
        validateSchemaRegistry();
        strategies().forEach(name -> {
            if (name.isBlank()) {
                throw new ConfigException(STRATEGIES_CONFIG, getList(STRATEGIES_CONFIG), "empty strategy name");
            }
        });
    }

    private void validateSchemaRegistry() {
        if (schemaRegistryUrls().isEmpty()) {
            if (getString(INPUT_FORMAT_CONFIG).equals("confluent")) {
                throw new ConfigException(
                        INPUT_FORMAT_CONFIG,
                        "confluent",
                        "Confluent-framed input needs a schema registry: set " + SCHEMA_REGISTRY_URL_CONFIG);
            }
            return;
        }
        long backoff = getLong(SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG);
        long backoffMax = getLong(SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG);
        if (backoff > backoffMax) {
            throw new ConfigException(
                    SCHEMA_REGISTRY_RETRY_BACKOFF_MS_CONFIG,
                    backoff,
                    "must not exceed " + SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG + " (" + backoffMax + ")");
        }
    }

    public String inputTopic() {
        return getString(INPUT_TOPIC_CONFIG);
    }

    public List<String> strategies() {
        return getList(STRATEGIES_CONFIG);
    }

    public long windowSizeMs() {
        return getLong(WINDOW_SIZE_MS_CONFIG);
    }

    public long windowGraceMs() {
        return getLong(WINDOW_GRACE_MS_CONFIG);
    }

    public long watermarkIdleMs() {
        return getLong(WATERMARK_IDLE_MS_CONFIG);
    }

    public long combineFlushIntervalMs() {
        return getLong(COMBINE_FLUSH_INTERVAL_MS_CONFIG);
    }

    public int inputPartitions() {
        return getInt(INPUT_PARTITIONS_CONFIG);
    }

    /** {@code merge.partitions} as set: 0 for one per merge route (see {@code StrategySet#mergePartitions}). */
    public int mergePartitions() {
        return getInt(MERGE_PARTITIONS_CONFIG);
    }

    public String inputFormat() {
        return getString(INPUT_FORMAT_CONFIG);
    }

    public int inputMaxRecordBytes() {
        return getInt(INPUT_MAX_RECORD_BYTES_CONFIG);
    }

    public long inputMaxFutureSkewMs() {
        return getLong(INPUT_MAX_FUTURE_SKEW_MS_CONFIG);
    }

    /** The schema registry's base URLs; empty without a registry. */
    public List<String> schemaRegistryUrls() {
        return getList(SCHEMA_REGISTRY_URL_CONFIG).stream()
                .filter(url -> !url.isBlank())
                .toList();
    }

    /** The value of a password setting, or null when unset. */
    public String password(String key) {
        Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    /** The settings of strategy {@code name}: every key {@code strategy.<name>.<option>}, without the prefix. */
    public Map<String, String> strategyOptions(String name) {
        String prefix = STRATEGY_PREFIX + name + ".";
        Map<String, String> options = new LinkedHashMap<>();
        originals.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), String.valueOf(value));
            }
        });
        return options;
    }

    /** Keys under {@code strategy.} that name no configured strategy: a typo the user should hear about. */
    public List<String> unknownStrategyKeys() {
        List<String> unknown = new ArrayList<>();
        for (String key : originals.keySet()) {
            if (key.startsWith(STRATEGY_PREFIX)) {
                String rest = key.substring(STRATEGY_PREFIX.length());
                boolean known = strategies().stream().anyMatch(s -> rest.startsWith(s + "."));
                if (!known) {
                    unknown.add(key);
                }
            }
        }
        return unknown;
    }

    /** Kafka Streams settings: our defaults, overridden by every key the user gave that is not one of ours. */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(STREAMS_DEFAULTS);
        originals.forEach((key, value) -> {
            if (!CONFIG.names().contains(key) && !key.startsWith(STRATEGY_PREFIX)) {
                props.put(key, value);
            }
        });
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, getString(DLQ_TOPIC_CONFIG));
        return props;
    }

    public DetectorSettings detectorSettings() {
        return new DetectorSettings(
                getDouble(HOTSPOT_ENTER_RATIO_CONFIG),
                getInt(HOTSPOT_MIN_WINDOWS_CONFIG),
                getDouble(HOTSPOT_EXIT_RATIO_CONFIG),
                getInt(HOTSPOT_EXIT_WINDOWS_CONFIG),
                getDouble(HOTSPOT_CRITICAL_RATIO_CONFIG),
                getInt(HOTSPOT_COOLDOWN_WINDOWS_CONFIG),
                getDouble(HOTSPOT_KEY_SHARE_CHANGE_CONFIG));
    }

    public int adviceNodes() {
        return getInt(ADVICE_NODES_CONFIG);
    }

    public AdvisorSettings advisorSettings() {
        return AdvisorSettings.DEFAULTS.withTargetMaxToMean(getDouble(ADVICE_TARGET_RATIO_CONFIG));
    }

    /** A strategy's options as the strategy itself takes them (without the pipeline's {@code partitions}). */
    public Map<String, String> strategyOptionsWithoutPartitions(String name) {
        Map<String, String> options = strategyOptions(name);
        options.remove("partitions");
        return options;
    }

    public String httpHost() {
        return getString(HTTP_HOST_CONFIG);
    }

    public int httpPort() {
        return getInt(HTTP_PORT_CONFIG);
    }

    /** The host other instances reach this one at. */
    public String httpAdvertisedHost() {
        String advertised = getString(HTTP_ADVERTISED_HOST_CONFIG);
        if (!advertised.isBlank()) {
            return advertised;
        }
        String host = httpHost();
        if (!host.equals("0.0.0.0")) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    public String applicationId() {
        return String.valueOf(streamsProperties().get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    public String bootstrapServers() {
        return String.valueOf(originals.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The definitions, for documentation (see {@link ConfigDocs}). */
    static ConfigDef definitions() {
        return CONFIG;
    }

    /** Each entry an absolute http or https URL with a host. */
    private static final class HttpUrls implements ConfigDef.Validator {

        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            for (Object entry : (List<?>) value) {
                String text = String.valueOf(entry).trim();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    URI url = new URI(text);
                    String scheme = url.getScheme();
                    if (scheme == null
                            || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                            || url.getHost() == null) {
                        throw new ConfigException(name, text, "not an http(s) URL with a host");
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, text, "not a URL: " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated http(s) URLs";
        }
    }
}
