package io.partitionanalytics.cli;

import io.partitionanalytics.simulate.AggregatedTrace;
import io.partitionanalytics.simulate.JsonReport;
import io.partitionanalytics.simulate.PlacementGranularity;
import io.partitionanalytics.simulate.SimulatedStrategy;
import io.partitionanalytics.simulate.SimulationReport;
import io.partitionanalytics.simulate.StrategyArguments;
import io.partitionanalytics.simulate.StrategySimulator;
import io.partitionanalytics.simulate.TextReport;
import io.partitionanalytics.simulate.TraceCsvWriter;
import io.partitionanalytics.simulate.TraceGenerator;
import io.partitionanalytics.simulate.TraceReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code simulate}: what-if, offline: how a key trace would spread under each strategy, and what resizing moves. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run a key trace through strategies and print, per strategy: the load of every partition, peak/mean and"
                    + " coefficient of variation, the heaviest keys and where they land, and the fraction of keys,"
                    + " events and bytes that would move when adding a partition (for consistent-hash: adding or"
                    + " removing a node).",
            "A trace is CSV with a header naming key, timestamp and bytes (lat, lng optional; other columns"
                    + " ignored) or JSON lines with those fields; timestamps in epoch ms or ISO-8601; gzip accepted."
                    + " Or --generate a synthetic one.",
            "Memory grows with distinct keys (and, for time strategies, distinct key x bucket pairs), not events."
        })
final class SimulateCommand implements Callable<Integer> {

    enum Format {
        text,
        json
    }

    /** The pipeline's default set without 'observed', which needs a real topic to observe. */
    static final List<String> DEFAULT_STRATEGIES =
            List.of("kafka-default", "murmur3-channel", "time-bucket", "channel-bucket", "consistent-hash", "jump");

    private static final String[] GENERATOR_OPTIONS = {
        "--channels", "--distribution", "--seed", "--rate", "--save-trace"
    };

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "TRACE",
            description = "Trace file (.csv, .jsonl, optionally .gz; other names: format read from the first line);"
                    + " - for standard input.")
    String trace;

    @Option(names = "--partitions", required = true, paramLabel = "N", description = "Number of partitions N.")
    int partitions;

    @Option(
            names = "--strategy",
            paramLabel = "STRATEGY",
            description = "A strategy to simulate; repeatable. Default: " + "kafka-default, murmur3-channel,"
                    + " time-bucket, channel-bucket, consistent-hash, jump.")
    List<String> strategy = new ArrayList<>();

    @Option(
            names = "--strategies",
            split = ",",
            paramLabel = "S1,S2",
            description = "Strategies to simulate, comma-separated (adds to --strategy).")
    List<String> strategies = new ArrayList<>();

    @Option(
            names = "--option",
            paramLabel = "STRATEGY.KEY=VALUE",
            description =
                    "A strategy option, e.g. consistent-hash.vnodes=32 or time-bucket.bucket.ms=1000. Repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--top", defaultValue = "5", description = "Heaviest keys to show. Default: ${DEFAULT-VALUE}.")
    int top;

    @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
            names = "--skip-bad",
            description = "Skip malformed trace lines (counted and reported) instead of stopping at the first.")
    boolean skipBad;

    @Option(
            names = "--generate",
            paramLabel = "EVENTS",
            description = "Simulate a synthetic trace of this many events instead of reading one.")
    Long generate;

    @Option(
            names = "--channels",
            defaultValue = "1000",
            description = "Generated trace: distinct keys c-0, c-1, ... Default: ${DEFAULT-VALUE}.")
    int channels;

    @Option(
            names = "--distribution",
            defaultValue = "uniform",
            description = "Generated trace: uniform, zipf:<exponent> or sequential-time. Default: ${DEFAULT-VALUE}.")
    String distribution;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Generated trace: random seed (same seed, same trace). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--rate",
            defaultValue = "1000",
            description = "Generated trace: events per second of event time, from 2025-01-01T00:00:00Z."
                    + " Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--save-trace",
            paramLabel = "FILE",
            description = "Generated trace: also write it as CSV to FILE (gzip if FILE ends in .gz).")
    Path saveTrace;

    @Override
    public Integer call() throws IOException {
        checkSource();
        List<String> names = strategyNames();
        Map<String, Map<String, String>> optionsByStrategy = StrategyArguments.byStrategy(options, names);
        if (top < 0) {
            throw new IllegalArgumentException("--top must be >= 0, got " + top);
        }
        // Every strategy is built before the trace is read: a bad option must not wait for a large file.
        List<SimulatedStrategy> simulated = new ArrayList<>();
        List<PlacementGranularity> granularities = new ArrayList<>();
        for (String name : names) {
            SimulatedStrategy s =
                    SimulatedStrategy.create(name, partitions, optionsByStrategy.getOrDefault(name, Map.of()));
            simulated.add(s);
            granularities.add(s.granularity());
        }

        AggregatedTrace aggregate = new AggregatedTrace(granularities);
        TraceReader.Summary read = null;
        String source;
        if (generate != null) {
            TraceGenerator generator =
                    new TraceGenerator(generate, channels, distribution, seed, TraceGenerator.DEFAULT_START_MS, rate);
            source = String.format(
                    Locale.ROOT, "generated (%s over %,d channels, seed %d)", distribution, channels, seed);
            if (saveTrace != null) {
                try (TraceCsvWriter writer = new TraceCsvWriter(saveTrace)) {
                    generator.generate(event -> {
                        writer.accept(event);
                        aggregate.accept(event);
                    });
                }
                // On stderr, so that JSON on stdout stays one clean document.
                System.err.println("wrote the trace to " + saveTrace);
            } else {
                generator.generate(aggregate);
            }
        } else {
            read = TraceReader.read(trace, aggregate, skipBad);
            source = trace;
        }

        SimulationReport report = StrategySimulator.simulate(simulated, aggregate, source, read, top);
        PrintWriter out =
                new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
        if (format == Format.json) {
            out.println(JsonReport.render(report));
            out.flush();
        } else {
            TextReport.write(report, out);
        }
        return 0;
    }

    private void checkSource() {
        if (trace == null && generate == null) {
            throw new IllegalArgumentException("give a trace file (or - for standard input), or --generate EVENTS");
        }
        if (trace != null && generate != null) {
            throw new IllegalArgumentException("give a trace file or --generate, not both");
        }
        if (generate == null) {
            CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
            for (String option : GENERATOR_OPTIONS) {
                if (parsed.hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " only applies with --generate");
                }
            }
        }
    }

    private List<String> strategyNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String s : strategy) {
            names.add(s.trim());
        }
        for (String s : strategies) {
            if (!s.isBlank()) {
                names.add(s.trim());
            }
        }
        return names.isEmpty() ? DEFAULT_STRATEGIES : List.copyOf(names);
    }
}
