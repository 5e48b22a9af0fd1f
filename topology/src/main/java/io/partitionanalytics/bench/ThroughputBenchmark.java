package io.partitionanalytics.bench;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import io.partitionanalytics.partitioners.PartitionStrategy;
import io.partitionanalytics.partitioners.Strategies;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.serde.AvroSerdes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * End-to-end throughput on a real broker, four ways over the same topic in the same run (the machine is shared and
 * noisy, so only same-run ratios mean much): (a) a plain KafkaConsumer reading it, (b) the Kafka Streams topology a
 * user would write for one strategy (re-key by partition, windowed count), (c) this pipeline with every default
 * strategy; and (d) the Kafka Streams floor, a topology that does nothing per record. (b), (c) and (d) run under the
 * same processing guarantee and are timed from start until their committed
 * offsets reach the end of the input ("whole run", start-up and the first rebalance included), and also in the steady
 * state: from the first observation of at least {@value #STEADY_FROM} of the input done to the end (for (a), from its
 * first non-empty poll).
 *
 * <p>With more than one round, the four run again on the same topic (each round under group ids of its own, in an order
 * that changes from round to round: {@link #runOrder}) and the report ends with the median of each figure and of each
 * round's ratios, with their spread: on a shared machine one round's ratios vary by a fifth from one run to the next,
 * and ratios taken within a round compare contenders that ran under the same conditions.
 *
 * <p>Each contender runs in a JVM of its own (as JMH forks), started with this JVM's options: in one JVM, the JIT would
 * compile the Kafka code all four share (record queue, deserializers, forwarding) for the first contender's types, and
 * the later ones would run on code shaped for another workload. A JFR recording or {@code -Xlog} file asked for in
 * those options is written per contender and round ({@code bench.jfr} becomes {@code bench-c.jfr} for (c), {@code
 * bench-c-r2.jfr} in its second round); a debugger agent is not passed on.
 */
public final class ThroughputBenchmark {

    /** What to measure. */
    public record Options(
            String bootstrapServers,
            long events,
            int partitions,
            int channels,
            String processingGuarantee,
            Path stateDir,
            Map<String, String> pipelineSettings,
            boolean fork,
            int rounds) {}

    /** The four ways of reading the topic, by their letter in the report. */
    public enum Contender {
        PLAIN_CONSUMER("a", "plain KafkaConsumer", "plain"),
        NAIVE_STREAMS("b", "naive Streams topology", "naive"),
        PIPELINE("c", "partition-analytics", "pipeline"),
        STREAMS_FLOOR("d", "Kafka Streams floor", "floor");

        private final String letter;
        private final String title;
        /** The middle of its group (and application) id. */
        private final String groupName;

        Contender(String letter, String title, String groupName) {
            this.letter = letter;
            this.title = title;
            this.groupName = groupName;
        }

        public String letter() {
            return letter;
        }

        public String title() {
            return title;
        }

        public static Contender ofLetter(String letter) {
            for (Contender contender : values()) {
                if (contender.letter.equals(letter)) {
                    return contender;
                }
            }
            throw new IllegalArgumentException("no contender '" + letter + "': a, b, c or d");
        }
    }

    /** How a forked contender reports its rate on its standard output. */
    private static final String RATE_LINE = "contender-rate:";

    /** Share of the input that must be done before the steady-state clock starts. */
    static final double STEADY_FROM = 0.1;

    /**
     * Events per second of one contender: over its whole run, and in the steady state; and how many of the records it
     * read it did not count (Kafka Streams' dropped records, such as (b)'s records for windows already expired, and
     * this pipeline's late events and partials).
     */
    public record Rate(double wholeRun, double steady, long uncounted) {
        public Rate(double wholeRun, double steady) {
            this(wholeRun, steady, 0);
        }

        Rate withUncounted(long records) {
            return new Rate(wholeRun, steady, records);
        }

        @Override
        public String toString() {
            return String.format("%,.0f events/s (steady state %,.0f events/s)", wholeRun, steady)
                    + (uncounted == 0
                            ? ""
                            : String.format("; %,d records read but not counted (late or dropped)", uncounted));
        }
    }

    /** The Kafka Streams metrics (summed over tasks) of records a contender read but did not count. */
    private static final Set<String> UNCOUNTED_METRICS =
            Set.of("dropped-records-total", "late-events-total", "late-partials-total");

    /** A figure of a {@link Rate}: over the whole run, or in the steady state. */
    private record Figure(String name, ToDoubleFunction<Rate> of) {}

    private static final List<Figure> FIGURES =
            List.of(new Figure("whole run", Rate::wholeRun), new Figure("steady state", Rate::steady));

    /** One contender's figure over another's, in the same round. */
    private record Ratio(Contender over, Contender under) {
        String name() {
            return "(" + over.letter() + ")/(" + under.letter() + ")";
        }

        double of(Round round, Figure figure) {
            return figure.of().applyAsDouble(round.rate(over)) / figure.of().applyAsDouble(round.rate(under));
        }
    }

    private static final List<Ratio> RATIOS = List.of(
            new Ratio(Contender.PIPELINE, Contender.NAIVE_STREAMS),
            new Ratio(Contender.PIPELINE, Contender.PLAIN_CONSUMER),
            new Ratio(Contender.PIPELINE, Contender.STREAMS_FLOOR),
            new Ratio(Contender.STREAMS_FLOOR, Contender.PLAIN_CONSUMER));

    /** Events per second of each contender in one round. */
    public record Round(Map<Contender, Rate> rates) {
        public Round {
            // Copied first: an immutable map given here would throw on the null check instead of answering it.
            EnumMap<Contender, Rate> copy = new EnumMap<>(rates);
            if (copy.size() != Contender.values().length || copy.containsValue(null)) {
                throw new IllegalArgumentException("a round needs a rate for every contender: " + rates);
            }
            rates = Collections.unmodifiableMap(copy);
        }

        public Rate rate(Contender contender) {
            return rates.get(contender);
        }
    }

    /** Events per second of each contender, round by round, over the input {@code topic}. */
    public record Result(String topic, long events, double produced, List<Round> rounds) {}

    private final Options options;
    private final PrintStream out;

    public ThroughputBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Writes the input, measures every round, and deletes this run's topics again (see {@link #deleteRunTopics}), also
     * when a contender fails.
     */
    public Result run() throws Exception {
        // The time, and a random part so that two runs started in the same millisecond never share their topics.
        String topic = String.format(
                "bench-events-%d-%08x",
                System.currentTimeMillis(), ThreadLocalRandom.current().nextInt());
        Properties client = TopicAdmin.clientProps(options.bootstrapServers());
        TopicAdmin.ensureTopic(client, topic, options.partitions(), Map.of("retention.ms", "-1"));
        try {
            return run(client, topic);
        } finally {
            deleteRunTopics(topic);
        }
    }

    private Result run(Properties client, String topic) throws Exception {
        // Created here, not by the broker on first write: a cluster may not create topics by itself.
        TopicAdmin.ensureTopic(client, naiveOutput(topic), 1, Map.of());

        out.printf(
                "Writing %,d events (~150 bytes) to %s (%d partitions)...%n",
                options.events(), topic, options.partitions());
        long start = System.nanoTime();
        GeneratorOptions generator = new GeneratorOptions(
                topic, 0, options.events(), null, options.channels(), "zipf:0.8", null, 0, Duration.ZERO, 1);
        new LoadGenerator(generator, client).run((sent, acked, target, elapsedMs) -> {}, () -> false);
        double produced = rate(options.events(), start);
        out.printf("  produced: %,.0f events/s%n", produced);

        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            if (options.rounds() > 1) {
                out.printf(
                        "Round %d of %d (%s):%n",
                        round,
                        options.rounds(),
                        runOrder(round).stream().map(Contender::letter).collect(Collectors.joining(", ")));
            }
            rounds.add(measureRound(topic, round));
        }
        if (rounds.size() > 1) {
            printMedians(rounds);
        }
        return new Result(topic, options.events(), produced, rounds);
    }

    /**
     * What a run over {@code topic} leaves on the cluster, deleted at its end: the input (written with unlimited
     * retention), the contenders' outputs, all named after the input so that a run never writes to the topics of a
     * real deployment on the same cluster, and the Kafka Streams contenders' internal topics. Their consumer groups
     * stay: Kafka Streams does not leave its group on close, so they cannot be deleted before their members time out;
     * they hold no data, and the broker drops them after {@code offsets.retention.minutes}.
     */
    private void deleteRunTopics(String topic) {
        try (Admin admin = Admin.create(TopicAdmin.clientProps(options.bootstrapServers()))) {
            List<String> created = runTopics(admin.listTopics().names().get(30, TimeUnit.SECONDS), topic);
            admin.deleteTopics(created).all().get(60, TimeUnit.SECONDS);
            out.printf("Deleted the %d topics of this run from the cluster%n", created.size());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Reported, not thrown: the run's own outcome (its figures, or the failure that ended it) comes first.
            out.printf("Could not delete this run's topics (%s): they are named after %s%n", e, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.printf("Interrupted before deleting this run's topics: they are named after %s%n", topic);
        }
    }

    /**
     * The topics among {@code names} that a run over the input {@code topic} creates: the input, what is named after
     * it, and the internal topics of the contenders' applications (every round's id starts with the first round's).
     */
    static List<String> runTopics(Collection<String> names, String topic) {
        List<String> prefixes = new ArrayList<>(List.of(topic + "-"));
        for (Contender contender : Contender.values()) {
            prefixes.add(groupId(contender, topic, 1) + "-");
        }
        return names.stream()
                .filter(name -> name.equals(topic) || prefixes.stream().anyMatch(name::startsWith))
                .sorted()
                .toList();
    }

    /** Where (b) writes its counts. */
    private static String naiveOutput(String topic) {
        return topic + "-naive-out";
    }

    /**
     * The order the contenders run in, round by round (repeating after four): a balanced Latin square, in which over
     * four rounds each contender runs once in every place and once immediately after each of the others. A fixed order
     * would always give the same contender the broker that another had just left busy (with its writes and its
     * transactions' markers) or fresh from writing the input, and put that in its medians. Round 1 is (a) to (d).
     */
    private static final List<List<Contender>> RUN_ORDERS = List.of(
            List.of(Contender.PLAIN_CONSUMER, Contender.NAIVE_STREAMS, Contender.PIPELINE, Contender.STREAMS_FLOOR),
            List.of(Contender.NAIVE_STREAMS, Contender.STREAMS_FLOOR, Contender.PLAIN_CONSUMER, Contender.PIPELINE),
            List.of(Contender.STREAMS_FLOOR, Contender.PIPELINE, Contender.NAIVE_STREAMS, Contender.PLAIN_CONSUMER),
            List.of(Contender.PIPELINE, Contender.PLAIN_CONSUMER, Contender.STREAMS_FLOOR, Contender.NAIVE_STREAMS));

    static List<Contender> runOrder(int round) {
        return RUN_ORDERS.get(Math.floorMod(round - 1, RUN_ORDERS.size()));
    }

    private Round measureRound(String topic, int round) throws Exception {
        Map<Contender, Rate> rates = new EnumMap<>(Contender.class);
        for (Contender contender : runOrder(round)) {
            Rate rate = options.fork() ? measureInFork(contender, topic, round) : measure(contender, topic, round);
            rates.put(contender, rate);
            out.printf("  (%s) %s%s: %s%n", contender.letter(), contender.title(), detail(contender), rate);
        }
        Round measured = new Round(rates);
        for (Figure figure : FIGURES) {
            out.printf(
                    "  ratios, %s: %s%n",
                    figure.name(), ratios(ratio -> String.format("%.2f", ratio.of(measured, figure))));
        }
        return measured;
    }

    /** What a contender's line says of it after its title. */
    private String detail(Contender contender) {
        String guarantee = options.processingGuarantee();
        return switch (contender) {
            case PLAIN_CONSUMER -> "";
            case NAIVE_STREAMS -> ", one strategy (" + guarantee + ")";
            case PIPELINE ->
                String.format(
                        ", %d strategies (%s%s)",
                        AnalyticsConfig.DEFAULT_STRATEGIES.size(),
                        guarantee,
                        options.pipelineSettings().isEmpty() ? "" : ", " + options.pipelineSettings());
            case STREAMS_FLOOR -> ", a topology that does nothing per record (" + guarantee + ")";
        };
    }

    /** The four ratios, each as {@code value} writes it. */
    private static String ratios(Function<Ratio, String> value) {
        return RATIOS.stream()
                .map(ratio -> ratio.name() + " = " + value.apply(ratio))
                .collect(Collectors.joining(", "));
    }

    private void printMedians(List<Round> rounds) {
        out.printf(
                "Medians of %d rounds (lowest - highest); a ratio's median is that of the rounds' ratios:%n",
                rounds.size());
        for (Contender contender : Contender.values()) {
            out.printf(
                    "  (%s) %s: %s events/s, steady state %s events/s%n",
                    contender.letter(),
                    contender.title(),
                    Spread.of(rounds, round -> round.rate(contender).wholeRun()).format("%,.0f"),
                    Spread.of(rounds, round -> round.rate(contender).steady()).format("%,.0f"));
        }
        for (Figure figure : FIGURES) {
            out.printf(
                    "  ratios, %s: %s%n",
                    figure.name(), ratios(ratio -> Spread.of(rounds, round -> ratio.of(round, figure))
                            .format("%.2f")));
        }
    }

    /** The median of a figure over the rounds, and its lowest and highest values. */
    record Spread(double median, double lowest, double highest) {

        static Spread of(List<Round> rounds, ToDoubleFunction<Round> figure) {
            double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
            return new Spread(median, values[0], values[values.length - 1]);
        }

        String format(String number) {
            return String.format(number + " (" + number + " - " + number + ")", median, lowest, highest);
        }
    }

    /**
     * Measures one contender, in this JVM, over {@code topic} (which must hold {@code events} events), under the
     * group id of {@code round} (1 and up).
     */
    public Rate measure(Contender contender, String topic, int round) throws Exception {
        return switch (contender) {
            case PLAIN_CONSUMER -> plainConsumer(topic, groupId(contender, topic, round));
            case NAIVE_STREAMS ->
                timeStreams(groupId(contender, topic, round), topic, props -> naiveTopology(topic, props));
            case PIPELINE -> timePipeline(topic, groupId(contender, topic, round));
            case STREAMS_FLOOR ->
                timeStreams(groupId(contender, topic, round), topic, props -> passThrough(topic, props));
        };
    }

    /**
     * A contender's group (and application) id: each round reads the topic from the start under ids of its own. The
     * first round's are those of a run without rounds.
     */
    static String groupId(Contender contender, String topic, int round) {
        return "bench-" + contender.groupName + "-" + topic + roundSuffix(round);
    }

    /** What names a round's groups and files: nothing for the first, so that a run of one round names them as before. */
    private static String roundSuffix(int round) {
        return round == 1 ? "" : "-r" + round;
    }

    /** What a forked contender prints last: its rates, for {@link #measureInFork} to read. */
    public static String rateLine(Rate rate) {
        return RATE_LINE + " " + rate.wholeRun() + " " + rate.steady() + " " + rate.uncounted();
    }

    /** The rates in a line of a forked contender's output, or null if the line is something else. */
    static Rate parseRateLine(String line) {
        if (!line.startsWith(RATE_LINE)) {
            return null;
        }
        String[] figures = line.substring(RATE_LINE.length()).trim().split(" ");
        return new Rate(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]), Long.parseLong(figures[2]));
    }

    /** The command line of a forked contender's JVM, after the JVM's options. */
    List<String> forkArguments(Contender contender, String topic, int round) {
        List<String> arguments = new ArrayList<>(List.of(
                "bench",
                "--contender",
                contender.letter(),
                "--topic",
                topic,
                "--bootstrap-server",
                options.bootstrapServers(),
                "--events",
                String.valueOf(options.events()),
                "--partitions",
                String.valueOf(options.partitions()),
                "--guarantee",
                options.processingGuarantee(),
                "--round",
                String.valueOf(round)));
        options.pipelineSettings().forEach((key, value) -> arguments.add("--set=" + key + "=" + value));
        return arguments;
    }

    private Rate measureInFork(Contender contender, String topic, int round) throws Exception {
        List<String> arguments = forkArguments(contender, topic, round);
        List<String> jvmOptions =
                forkOptions(ManagementFactory.getRuntimeMXBean().getInputArguments(), contender, round);
        Process process = new ProcessBuilder(CliJvm.command(jvmOptions, arguments))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            Rate rate = null;
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Rate reported = parseRateLine(line);
                    if (reported != null) {
                        rate = reported;
                    } else {
                        out.println(line);
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || rate == null) {
                throw new IllegalStateException("contender (" + contender.letter() + ") failed in its JVM (exit " + exit
                        + "; see its log above)");
            }
            return rate;
        } finally {
            // Interrupted or failed here: the contender must not go on running against the broker.
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    // Gone before the run deletes its topics, which it could otherwise write to again.
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * A forked contender's JVM options: this JVM's, without a debugger agent (its port is taken), and with a file named
     * by a JFR recording or a {@code -Xlog} output given the contender's letter and round, so that no contender or
     * round overwrites another's ({@code bench.jfr} becomes {@code bench-c.jfr}, and {@code bench-c-r2.jfr} in the
     * second round).
     */
    static List<String> forkOptions(List<String> jvmOptions, Contender contender, int round) {
        String suffix = "-" + contender.letter() + roundSuffix(round);
        List<String> options = new ArrayList<>();
        for (String option : jvmOptions) {
            if (option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")) {
                continue;
            }
            if (option.startsWith("-XX:StartFlightRecording")) {
                option = option.replaceFirst("filename=([^,]*?)(\\.jfr)?(,|$)", "filename=$1" + suffix + ".jfr$3");
            } else if (option.startsWith("-Xlog:")) {
                option = option.replaceFirst("(:file=)([^:]*?)(\\.[a-z]+)?(:|$)", "$1$2" + suffix + "$3$4");
            }
            options.add(option);
        }
        return options;
    }

    private Rate plainConsumer(String topic, String groupId) {
        Properties props = TopicAdmin.clientProps(options.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long count = 0;
        long start = System.nanoTime();
        long firstNanos = 0;
        long firstCount = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (count < options.events()) {
                count += consumer.poll(Duration.ofMillis(500)).count();
                if (firstNanos == 0 && count > 0) {
                    firstNanos = System.nanoTime();
                    firstCount = count;
                }
            }
        }
        return new Rate(rate(count, start), rate(count - firstCount, firstNanos));
    }

    private KafkaStreams naiveTopology(String topic, Properties props) {
        // What a user would write for one strategy: compute the partition, re-key by it, count per window.
        PartitionStrategy murmur3 = Strategies.create("murmur3-channel", options.partitions(), Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.ByteArray(), AvroSerdes.singleObject(MessageEvent.class)))
                .groupBy(
                        (key, event) ->
                                String.valueOf(murmur3.partition(key, event.getTimestampMs(), Double.NaN, Double.NaN)),
                        Grouped.with("by-partition", Serdes.String(), AvroSerdes.singleObject(MessageEvent.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(5), Duration.ofSeconds(2)))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts"))
                .toStream((windowed, count) ->
                        windowed.key() + "@" + windowed.window().start())
                .to(naiveOutput(topic), Produced.with(Serdes.String(), Serdes.Long()));
        return new KafkaStreams(builder.build(props), props);
    }

    /**
     * The least a Kafka Streams application does per record: read it (byte arrays, no decoding) and drop it, under the
     * same guarantee and commit interval. What Streams itself costs, for (c) to be read against.
     */
    private KafkaStreams passThrough(String topic, Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .foreach((key, value) -> {});
        return new KafkaStreams(builder.build(props), props);
    }

    private interface StreamsFactory {
        KafkaStreams create(Properties props) throws Exception;
    }

    private Rate timeStreams(String applicationId, String topic, StreamsFactory factory) throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(options.stateDir(), "naive").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long start = System.nanoTime();
        try (KafkaStreams streams = factory.create(props)) {
            streams.start();
            Rate rate = awaitCommitted(applicationId, topic, start, streams::state)
                    .withUncounted(uncounted(streams.metrics()));
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    private Rate timePipeline(String topic, String applicationId) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory(options.stateDir(), "pipeline").toString());
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, "0");
        props.putAll(options.pipelineSettings());
        // After the settings given, which must not point the run at a deployment's topics.
        props.put(AnalyticsConfig.INPUT_TOPIC_CONFIG, topic);
        props.putAll(BenchTopics.outputsNamedAfter(topic));
        long start = System.nanoTime();
        try (AnalyticsApp app = AnalyticsApp.start(new AnalyticsConfig(props))) {
            return awaitCommitted(applicationId, topic, start, app.streams()::state)
                    .withUncounted(uncounted(app.streams().metrics()));
        }
    }

    /** Records read but not counted, from a contender's Kafka Streams metrics once its input is done. */
    static long uncounted(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Metric metric : metrics.values()) {
            if (UNCOUNTED_METRICS.contains(metric.metricName().name())
                    && metric.metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return Math.round(total);
    }

    /**
     * Waits until the group's committed offsets reach the end of every input partition; the rates since {@code start}.
     * Fails at once if the contender's Kafka Streams stops first (its error is in the log above), rather than after
     * waiting out the deadline.
     */
    private Rate awaitCommitted(String groupId, String topic, long start, Supplier<KafkaStreams.State> state)
            throws Exception {
        try (Admin admin = Admin.create(TopicAdmin.clientProps(options.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < options.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends =
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                            .collect(Collectors.toMap(
                                    Map.Entry::getKey,
                                    e -> ((ListOffsetsResult.ListOffsetsResultInfo) e.getValue()).offset()));
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long steadyNanos = 0;
            long steadyDone = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (System.nanoTime() < deadline) {
                failIfStopped(groupId, state.get());
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                long done = 0;
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    // Under exactly-once, a partition's end offset includes transaction markers: cap at the end.
                    done += offset == null ? 0 : Math.min(offset.offset(), end.getValue());
                }
                long now = System.nanoTime();
                if (steadyNanos == 0 && done >= STEADY_FROM * total) {
                    steadyNanos = now;
                    steadyDone = done;
                }
                if (done >= total) {
                    return new Rate(rate(options.events(), start), rate(total - steadyDone, steadyNanos));
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException(groupId + " did not finish within 15 minutes");
        }
    }

    /** A contender whose Kafka Streams has stopped will not read the rest of its input. */
    static void failIfStopped(String groupId, KafkaStreams.State state) {
        if (!state.isRunningOrRebalancing()) {
            throw new IllegalStateException(
                    groupId + " stopped (Kafka Streams " + state + ") before reading all of its input");
        }
    }

    private static double rate(long events, long startNanos) {
        return events / ((System.nanoTime() - startNanos) / 1e9);
    }
}
