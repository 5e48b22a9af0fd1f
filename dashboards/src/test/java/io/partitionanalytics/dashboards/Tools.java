package io.partitionanalytics.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real programs these tests run (from Debian and npm), found on the PATH or failing with what to install. */
final class Tools {

    private Tools() {}

    /** The module directory (Failsafe runs tests there; {@code basedir} when given). */
    static Path module() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static Path repoRoot() {
        return module().getParent();
    }

    /** The executable {@code name}, or an assertion error naming the Debian package (.ci/run installs them). */
    static Path require(String name, String debianPackage) {
        List<String> dirs =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("'" + name + "' is not installed: this test needs it (Debian: apt-get install "
                + debianPackage + "; .ci/run installs it on a fresh machine)");
    }

    record Result(int exitCode, String output) {}

    /** Runs a command to completion (stdout and stderr together); a hang is a failure, not a wait forever. */
    static Result run(Path workDir, Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("tool", ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
