package io.partitionanalytics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code partition-analytics}: the command line of the whole product. */
@Command(
        name = "partition-analytics",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Key-level hot-partition analysis for Kafka: how traffic spreads over partitions under your "
                + "partitioner and its alternatives, which keys make partitions hot, and what to do about it.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            GenerateCommand.class,
            AssignCommand.class,
            SimulateCommand.class,
            BrokerCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PartitionAnalyticsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (used by main and by tests). */
    public static int execute(String... args) {
        // Avro 1.12.2 decodes generated classes only from packages it is told to trust.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.partitionanalytics.schemas");
        CommandLine commandLine = new CommandLine(new PartitionAnalyticsCommand());
        commandLine.registerConverter(java.time.Duration.class, new DurationConverter());
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            cmd.getErr().println(cmd.getColorScheme().errorText("error: " + Errors.describe(error)));
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "Missing command: give one of "
                        + String.join(", ", spec.subcommands().keySet()));
    }
}
