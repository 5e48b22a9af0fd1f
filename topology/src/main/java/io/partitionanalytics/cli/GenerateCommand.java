package io.partitionanalytics.cli;

import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: writes synthetic {@code MessageEvent} traffic. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Write MessageEvents keyed by channel id to a topic, at a rate, with a chosen key distribution "
                + "and optionally one channel turning hot at a known instant.")
final class GenerateCommand implements Callable<Integer> {

    @Option(
            names = {"-b", "--bootstrap-server"},
            description = "Kafka bootstrap servers. Default: " + "$KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}.",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
    String bootstrapServers;

    @Option(
            names = "--topic",
            defaultValue = "message-events",
            description = "Topic to write. Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--command-config",
            description = "Properties file of client settings for the producer (and the admin client of "
                    + "--partitions): security.protocol, sasl.*, ssl.*, ... as Kafka's own tools take them.")
    Path commandConfig;

    @Option(names = "--partitions", description = "Create the topic with this many partitions if it does not exist.")
    Integer partitions;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Events per second; 0 for as fast as possible. " + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many events.")
    long count;

    @Option(names = "--duration", description = "Stop after this long, e.g. 30s, 5m.")
    Duration duration;

    @Option(names = "--channels", defaultValue = "1000", description = "Distinct channels. Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--distribution",
            defaultValue = "uniform",
            description = "uniform, zipf:<exponent> or " + "sequential-time. Default: ${DEFAULT-VALUE}.")
    String distribution;

    @Option(
            names = "--hot-channel",
            description = "<channel>:<share>: from --hot-after on, this share (0..1] of all "
                    + "events goes to this channel, e.g. c-42:0.4.")
    String hotChannel;

    @Option(
            names = "--hot-after",
            defaultValue = "0s",
            description = "When the hot channel starts. Default: ${DEFAULT-VALUE}.")
    Duration hotAfter;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed (same seed, same keys). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        String hotKey = null;
        double hotShare = 0;
        if (hotChannel != null) {
            int colon = hotChannel.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--hot-channel must be <channel>:<share>, got '" + hotChannel + "'");
            }
            hotKey = hotChannel.substring(0, colon);
            try {
                hotShare = Double.parseDouble(hotChannel.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--hot-channel share must be a number, got '" + hotChannel.substring(colon + 1) + "'");
            }
        }
        GeneratorOptions options = new GeneratorOptions(
                topic, rate, count, duration, channels, distribution, hotKey, hotShare, hotAfter, seed);
        Properties props = new Properties();
        if (commandConfig != null) {
            if (!Files.isReadable(commandConfig)) {
                throw new IllegalArgumentException("--command-config " + commandConfig + ": no such readable file");
            }
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                props.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("--command-config " + commandConfig + ": " + e.getMessage(), e);
            }
        }
        props.putAll(TopicAdmin.clientProps(bootstrapServers));
        if (partitions != null) {
            TopicAdmin.ensureTopic(props, topic, partitions, Map.of());
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread hook = new Thread(() -> stop.set(true), "generate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressReporter reporter = ProgressReporter.forConsole(System.out, System.console() != null);
        long acked = new LoadGenerator(options, props).run(reporter, stop::get);
        reporter.done();
        System.out.printf("Wrote %,d events to %s%n", acked, topic);
        return 0;
    }
}
