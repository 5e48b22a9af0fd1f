package io.partitionanalytics.app;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.http.HttpApi;
import io.partitionanalytics.http.LoadQueries;
import io.partitionanalytics.load.PartialsPartitioner;
import io.partitionanalytics.load.SketchRuntime;
import io.partitionanalytics.load.StrategySet;
import io.partitionanalytics.serde.Formats;
import io.partitionanalytics.serde.registry.RegistryHealth;
import io.partitionanalytics.serde.registry.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pipeline: checks the cluster, builds the topology, starts Kafka Streams with its handlers and closes it
 * with a timeout. Used by {@code run} and {@code demo}.
 */
public final class AnalyticsApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsApp.class);
    /** A failed stream thread is replaced this many times, then the application stops instead of looping. */
    static final int MAX_THREAD_REPLACEMENTS = 3;

    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final AnalyticsConfig config;
    private final KafkaStreams streams;
    private final int inputPartitions;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger threadReplacements = new AtomicInteger();
    private final InputTopicMonitor inputOffsets;
    private final HttpApi http;
    private final PrometheusMeterRegistry registry;
    private final Formats formats;

    private AnalyticsApp(
            AnalyticsConfig config,
            KafkaStreams streams,
            int inputPartitions,
            InputTopicMonitor inputOffsets,
            HttpApi http,
            PrometheusMeterRegistry registry,
            Formats formats) {
        this.config = config;
        this.streams = streams;
        this.inputPartitions = inputPartitions;
        this.inputOffsets = inputOffsets;
        this.http = http;
        this.registry = registry;
        this.formats = formats;
    }

    /** JVM and Kafka Streams client metrics from Micrometer's well-kept binders. */
    private static void bindMetrics(PrometheusMeterRegistry registry, KafkaStreams streams) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new KafkaStreamsMetrics(streams).bindTo(registry);
    }

    /** The HTTP port actually bound (useful with http.port=0). */
    public int httpPort() {
        return http.port();
    }

    /**
     * Starts the HTTP server, and meanwhile checks that the input topic exists (Kafka Streams would otherwise wait for
     * it silently), creates missing output topics and the partials' topic, gets the output schemas' ids from the
     * schema registry when one is configured (waiting while it is unreachable); then builds the topology and starts it.
     */
    public static AnalyticsApp start(AnalyticsConfig config) {
        SketchRuntime.check(); // before anything is started: a JVM DataSketches refuses fails here, not mid-run
        Properties streamsProps = config.streamsProperties();
        Formats formats = Formats.from(config);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
        AtomicReference<LoadQueries> queriesRef = new AtomicReference<>();
        // The HTTP server starts while the cluster is checked (Jetty's start-up took half a second on a 2-core
        // machine). Its port is needed only once Kafka Streams is configured, as the address advertised to the other
        // instances; until then /health answers STARTING.
        CompletableFuture<HttpApi> httpStarting = CompletableFuture.supplyAsync(
                () -> HttpApi.start(
                        config.httpHost(),
                        config.httpPort(),
                        config.strategies(),
                        streamsRef::get,
                        queriesRef::get,
                        registry),
                runnable -> {
                    Thread thread = new Thread(runnable, "http-start");
                    thread.setDaemon(true);
                    thread.start();
                });
        int inputPartitions;
        StrategySet strategies;
        HttpApi http;
        try (Admin admin = Admin.create(adminProperties(streamsProps))) {
            inputPartitions = config.inputPartitions() > 0
                    ? config.inputPartitions()
                    : describeInput(admin, config.inputTopic()).partitions().size();
            strategies = StrategySet.resolve(config, inputPartitions);
            Topics topics = Topics.from(config, formats);
            createMissingTopics(admin, config, topics, strategies, streamsProps);
            if (httpStarting.isCompletedExceptionally()) {
                awaitStarted(httpStarting); // a port in use is said now, not after waiting for the registry
            }
            formats.awaitOutputSchemaIds(
                    topics.outputValueTypes(),
                    Duration.ofMillis(config.getLong(AnalyticsConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS_CONFIG)));
            http = awaitStarted(httpStarting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IllegalStateException failure =
                    new IllegalStateException("interrupted while waiting for the schema registry", e);
            closeAfterFailure(failure, formats, () -> stopOnceStarted(httpStarting), registry::close);
            throw failure;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(e, formats, () -> stopOnceStarted(httpStarting), registry::close);
            throw e;
        }
        InputTopicMonitor inputOffsets = null;
        KafkaStreams streams = null;
        try {
            inputOffsets = new InputTopicMonitor(
                    adminProperties(streamsProps),
                    config.inputTopic(),
                    inputPartitions,
                    config.applicationId(),
                    Duration.ofMillis(Math.max(100, config.watermarkIdleMs() / 4)));
            HostInfo self = new HostInfo(config.httpAdvertisedHost(), http.port());
            streamsProps.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());

            InputTopicMonitor monitor = inputOffsets;
            PipelineHooks hooks = new PipelineHooks(
                    monitor,
                    // observed's partitions live on brokers; the other strategies' nodes are hypothetical (the
                    // topology spreads them round robin over advice.nodes).
                    strategy -> strategy.equals(StrategySet.OBSERVED) ? monitor::leaderOf : p -> null,
                    strategy -> strategy.equals(StrategySet.OBSERVED) ? monitor.nodeModel() : null,
                    new PipelineMeters(registry));
            Topology topology =
                    PartitionAnalyticsTopology.build(config, inputPartitions, strategies, streamsProps, hooks, formats);
            log.info(
                    "Topology of {} over {} input partitions:\n{}",
                    config.applicationId(),
                    inputPartitions,
                    topology.describe());
            streams = new KafkaStreams(topology, streamsProps);
            streamsRef.set(streams);
            queriesRef.set(new LoadQueries(
                    streams,
                    self,
                    new PartialsPartitioner(strategies),
                    strategies.mergePartitions(config.mergePartitions())));
            AnalyticsApp app =
                    new AnalyticsApp(config, streams, inputPartitions, inputOffsets, http, registry, formats);
            log.info("HTTP on http://{}:{} (/api, /metrics, /health)", config.httpHost(), http.port());
            streams.setUncaughtExceptionHandler(app::onUncaughtException);
            streams.setStateListener((newState, oldState) -> {
                log.info("Kafka Streams {} -> {}", oldState, newState);
                if (newState == KafkaStreams.State.NOT_RUNNING || newState == KafkaStreams.State.ERROR) {
                    app.stopped.countDown();
                }
            });
            streams.start();
            // While the stream thread joins the group: binding the meters is work the first rebalance need not wait
            // for.
            bindMetrics(registry, streams);
            return app;
        } catch (RuntimeException | Error e) {
            KafkaStreams started = streams;
            closeAfterFailure(
                    e,
                    formats,
                    started == null ? null : () -> started.close(CLOSE_TIMEOUT),
                    inputOffsets,
                    http,
                    registry::close);
            throw e;
        }
    }

    /**
     * Start-up failed: closes what it had started (in {@link #close()}'s order; {@code null}s skipped), so that
     * nothing is left running, and adds any failure to close to the one being thrown.
     */
    private static void closeAfterFailure(Throwable failure, AutoCloseable... started) {
        for (AutoCloseable resource : started) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** The started HTTP server, or its start's failure (a port in use, say) as thrown. */
    private static HttpApi awaitStarted(CompletableFuture<HttpApi> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Start-up failed: waits for the HTTP server's start to end, and stops the server if it started. */
    private static void stopOnceStarted(CompletableFuture<HttpApi> starting) {
        HttpApi http;
        try {
            http = starting.join();
        } catch (CompletionException e) {
            return; // it did not start either; the failure being reported is the other one
        }
        http.close();
    }

    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        if (SchemaRegistryUnavailableException.isCauseOf(error)) {
            // Only while closing (until then threads wait for the registry): not a failure of this application, and
            // its uncommitted work is redone after restart, so this does not count against the limit.
            log.warn("Stream thread stopped while waiting for the schema registry: {}", error.toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        if (isRetriable(error)) {
            // The cluster was unreachable for longer than a client waits (max.block.ms, e.g. a punctuator's send
            // while the broker is down). Under exactly_once_v2 the thread's uncommitted work is aborted and redone by
            // its replacement, so nothing is lost or counted twice; a broker outage must not use up the replacements
            // kept for real failures, nor stop the application.
            log.warn(
                    "Stream thread stopped on a retriable error; replacing it: {}",
                    rootCause(error).toString());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        int replaced = threadReplacements.incrementAndGet();
        if (replaced <= MAX_THREAD_REPLACEMENTS) {
            log.error("Stream thread failed; replacing it ({} of {})", replaced, MAX_THREAD_REPLACEMENTS, error);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("Stream thread failed {} times; shutting down", replaced, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** Whether the failure is one Kafka calls retriable (e.g. a timeout while the cluster is unreachable). */
    static boolean isRetriable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static TopicDescription describeInput(Admin admin, String topic) {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("Input topic '" + topic + "' does not exist (set "
                        + AnalyticsConfig.INPUT_TOPIC_CONFIG + " to the topic to analyse)");
            }
            if (e.getCause() instanceof AuthenticationException) {
                // The broker's message says what failed (never the secret); say which settings to check.
                throw new IllegalStateException(
                        "The Kafka cluster rejected this application's credentials (check security.protocol, "
                                + "sasl.mechanism, sasl.jaas.config and ssl.* settings): "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
            throw new IllegalStateException("Cannot describe input topic '" + topic + "': " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "No answer from the Kafka cluster within 30 s while describing '" + topic
                            + "': check bootstrap.servers and the security settings",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A repartition topic as Kafka Streams 4.3 creates one ({@code RepartitionTopicConfig}, not public API): its
     * library defaults (records deleted by Streams once consumed, so no time retention), then the application's
     * {@code topic.*} settings, and Streams' {@code replication.factor}. {@code MergePartitionsIT} compares the result
     * with a repartition topic that Kafka Streams created itself.
     */
    static NewTopic repartitionTopic(String name, int partitions, StreamsConfig streamsConfig) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.SEGMENT_BYTES_CONFIG, "52428800");
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
        streamsConfig.originalsWithPrefix(StreamsConfig.TOPIC_PREFIX).forEach((key, value) -> {
            if (value != null) {
                configs.put(key, value.toString());
            }
        });
        int replication = streamsConfig.getInt(StreamsConfig.REPLICATION_FACTOR_CONFIG);
        return new NewTopic(
                        name,
                        Optional.of(partitions),
                        replication < 0 ? Optional.empty() : Optional.of((short) replication))
                .configs(configs);
    }

    /** The name Kafka Streams gives the partials' repartition topic. */
    static String partialsTopic(String applicationId) {
        return applicationId + "-" + PartitionAnalyticsTopology.PARTIALS_TOPIC + "-repartition";
    }

    /**
     * Creates the missing output topics and the partials' topic, in one request, or checks the partials' topic there.
     *
     * <p>The partials' topic is the one internal topic whose partition count is this application's choice. Created by
     * Kafka Streams instead, in the first rebalance, its appearance changes the group's metadata and so costs a second
     * rebalance on every fresh start. A count that differs from an earlier run's is reported here, naming the setting:
     * Kafka Streams would find out only in its first rebalance, on the stream thread, with a message about the topic.
     */
    private static void createMissingTopics(
            Admin admin, AnalyticsConfig config, Topics topics, StrategySet strategies, Properties streamsProps) {
        int partitions = config.getInt(AnalyticsConfig.OUTPUT_PARTITIONS_CONFIG);
        short replication = config.getShort(AnalyticsConfig.OUTPUT_REPLICATION_CONFIG);
        String partials = partialsTopic(config.applicationId());
        int mergePartitions = strategies.mergePartitions(config.mergePartitions());
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String name : topics.outputs()) {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.of(partitions), Optional.of(replication)));
                }
            }
            if (existing.contains(partials)) {
                checkMergePartitions(
                        config, partials, mergePartitions, TopicAdmin.awaitPartitionCount(admin, partials));
            } else {
                missing.add(repartitionTopic(partials, mergePartitions, new StreamsConfig(streamsProps)));
            }
            createTopics(admin, config, missing, mergePartitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list or describe topics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Creates {@code missing} (found missing a moment before) in one request. One that exists by now was created
     * meanwhile, by another instance of the application starting at the same moment: not an error, but the partials'
     * topic is then checked as if it had been there before ({@code mergePartitions} partitions wanted).
     */
    static void createTopics(Admin admin, AnalyticsConfig config, List<NewTopic> missing, int mergePartitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        String partials = partialsTopic(config.applicationId());
        log.info("Creating topics {}", missing.stream().map(NewTopic::name).toList());
        for (Map.Entry<String, KafkaFuture<Void>> created :
                admin.createTopics(missing).values().entrySet()) {
            String name = created.getKey();
            try {
                created.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic '" + name + "': " + e.getCause(), e);
                }
                if (name.equals(partials)) {
                    checkMergePartitions(
                            config, partials, mergePartitions, TopicAdmin.awaitPartitionCount(admin, partials));
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Cannot create topic '" + name + "': " + e, e);
            }
        }
    }

    private static void checkMergePartitions(AnalyticsConfig config, String topic, int wanted, int existing) {
        if (existing != wanted) {
            String why = config.mergePartitions() > 0
                    ? "as set"
                    : "one per merge route of " + AnalyticsConfig.STRATEGIES_CONFIG;
            throw new ConfigException(
                    AnalyticsConfig.MERGE_PARTITIONS_CONFIG,
                    config.mergePartitions(),
                    "gives " + wanted + " partitions (" + why + ") for the internal topic '" + topic + "', which has "
                            + existing + " (from an earlier run or version, or another instance's configuration), and "
                            + "a topic's partition count cannot change. Reset the application (kafka-streams-application-reset --application-id "
                            + config.applicationId() + ") or use a new application.id");
        }
    }

    static Properties adminProperties(Properties streamsProps) {
        // Security and connection settings apply to the admin client too; Streams-only keys are simply unused.
        Properties admin = new Properties();
        Map<String, Object> clientProps = new StreamsConfig(streamsProps).getAdminConfigs("partition-analytics-setup");
        admin.putAll(clientProps);
        return admin;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public AnalyticsConfig config() {
        return config;
    }

    public int inputPartitions() {
        return inputPartitions;
    }

    /** Whether the schema registry answers ({@code NOT_CONFIGURED} without one): for health checks. */
    public RegistryHealth registryHealth() {
        return formats.registryHealth();
    }

    /** Blocks until the application stops by itself (error) or is closed. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean isInError() {
        return streams.state() == KafkaStreams.State.ERROR;
    }

    @Override
    public void close() {
        // First the registry client: a stream thread waiting for the registry then gives up instead of holding up
        // the close (its uncommitted records are processed after restart).
        formats.close();
        boolean clean = streams.close(CLOSE_TIMEOUT);
        inputOffsets.close();
        http.close();
        registry.close();
        if (!clean) {
            log.warn("Kafka Streams did not close within {} s", CLOSE_TIMEOUT.toSeconds());
        }
        stopped.countDown();
    }
}
