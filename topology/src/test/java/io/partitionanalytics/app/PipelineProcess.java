package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partitionanalytics.load.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One instance of the pipeline as users run it: {@code java -jar partition-analytics.jar run --config <file>} in its
 * own JVM, its output (stdout and stderr) captured in a file. {@link #kill()} is SIGKILL, {@link #terminate} SIGTERM.
 */
final class PipelineProcess implements AutoCloseable {

    /** The shaded jar, built in {@code package}, before Failsafe runs (working directory: the module). */
    static final Path JAR = Path.of("target", "partition-analytics.jar");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path configFile;
    private final Path logFile;
    private final int httpPort;
    private Process process;
    private int starts;

    /** Writes {@code settings} to {@code <dir>/<name>.properties}; nothing runs until {@link #start()}. */
    PipelineProcess(String name, Path dir, int httpPort, Map<String, String> settings) {
        this.name = name;
        this.httpPort = httpPort;
        this.configFile = dir.resolve(name + ".properties");
        this.logFile = dir.resolve(name + ".log");
        Properties props = new Properties();
        props.putAll(settings);
        props.put("http.port", String.valueOf(httpPort));
        try (Writer writer = Files.newBufferedWriter(configFile)) {
            props.store(writer, "instance " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the JVM; its output is appended to the same log across restarts. */
    PipelineProcess start() {
        assertThat(process == null || !process.isAlive())
                .as("%s already running", name)
                .isTrue();
        List<String> command = jarCommand("run", "--config", configFile.toString());
        try {
            appendLog("==== start " + (++starts) + " of " + name + " ====\n");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** {@code java ... -jar partition-analytics.jar <args>}, as the {@code partition-analytics} script runs it. */
    static List<String> jarCommand(String... args) {
        assertThat(JAR)
                .as("the shaded jar (built in package, before the integration tests)")
                .exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.partitionanalytics.schemas",
                // Kafka's temporary files stay under target/.
                "-Djava.io.tmpdir=" + Path.of("target").toAbsolutePath(),
                "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs another command of the jar to its end (killed after {@code limit}); its exit code, output in {@code log}. */
    static int runJar(Path log, Duration limit, String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jarCommand(args))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%s ended within %d s", List.of(args), limit.toSeconds())
                    .isTrue();
            return process.exitValue();
        } finally {
            process.destroyForcibly();
        }
    }

    String name() {
        return name;
    }

    int httpPort() {
        return httpPort;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. Waits until the JVM is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("%s gone after SIGKILL", name)
                .isTrue();
    }

    /** SIGTERM; whether the process exited within {@code limit} (it is killed otherwise, so nothing is left). */
    boolean terminate(Duration limit) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            kill();
        }
        return exited;
    }

    /** Exit value of the last run; the process must have ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** Everything the instance printed so far, across its restarts. */
    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process ends by itself (e.g. a failed start-up); whether it did within {@code limit}. */
    boolean awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kafka Streams' state as /health reports it, or null while the port does not answer. */
    String streamsState() {
        try {
            HttpResponse<byte[]> response = get("/health");
            return Json.MAPPER.readTree(response.body()).get("streams_state").asText();
        } catch (IOException e) {
            return null;
        }
    }

    HttpResponse<byte[]> get(String path) throws IOException {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** GET {@code path}: its JSON when the answer is 200, else null (unavailable, rebalancing, not started). */
    JsonNode json(String path) {
        try {
            HttpResponse<byte[]> response = get(path);
            return response.statusCode() == 200 ? Json.MAPPER.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Waits for {@code condition} while this process is alive; fails with {@code what} and the log's tail. */
    void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (!isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") while waiting for " + what
                        + "; its log ends with:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        name + ": no " + what + " after " + limit.toSeconds() + " s; its log ends with:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    String tail() {
        String log = log();
        return log.substring(Math.max(0, log.length() - 4_000));
    }

    private void appendLog(String line) throws IOException {
        Files.writeString(
                logFile,
                line,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Kills the process if it still runs: tests call this in finally / @AfterAll. */
    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
