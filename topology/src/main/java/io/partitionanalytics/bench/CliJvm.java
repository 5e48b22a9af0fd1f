package io.partitionanalytics.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of another JVM running this application's CLI: this JVM's java, class path and main class. */
final class CliJvm {

    private static final String MAIN = "io.partitionanalytics.cli.PartitionAnalyticsCommand";

    private CliJvm() {}

    static List<String> command(List<String> jvmOptions, List<String> cliArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(cliArguments);
        return command;
    }
}
