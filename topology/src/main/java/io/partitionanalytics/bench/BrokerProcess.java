package io.partitionanalytics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker in a separate JVM (this jar's {@code broker} command), so that a benchmark does not share its heap
 * and GC with the broker, as in production.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String READY = "bootstrap.servers=";

    private final Process process;
    private final String bootstrapServers;

    private BrokerProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    public static BrokerProcess start(int port, String heap) throws IOException {
        return start(port, heap, null, List.of(), null);
    }

    /**
     * A broker on {@code port} keeping its data in {@code dataDir} (null: a temporary directory deleted on exit):
     * stopping it and starting it again on the same port and data directory simulates a broker outage. {@code
     * topics} are created on start as NAME:PARTITIONS; the broker's log goes to {@code logFile} (null: discarded).
     */
    public static BrokerProcess start(int port, String heap, Path dataDir, List<String> topics, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("broker", "--port", String.valueOf(port)));
        if (dataDir != null) {
            command.add("--data-dir");
            command.add(dataDir.toString());
        }
        for (String topic : topics) {
            command.add("--topic");
            command.add(topic);
        }
        Process process = new ProcessBuilder(CliJvm.command(List.of("-Xmx" + heap), command))
                .redirectError(
                        logFile == null
                                ? ProcessBuilder.Redirect.DISCARD
                                : ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            int at = line.indexOf(READY);
            if (at >= 0) {
                Thread drain = new Thread(() -> drain(out), "broker-process-output");
                drain.setDaemon(true);
                drain.start();
                return new BrokerProcess(
                        process, line.substring(at + READY.length()).trim());
            }
        }
        process.destroyForcibly();
        throw new IOException("The broker process exited before it was ready (exit " + process.exitValue() + ")");
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // discard
            }
        } catch (IOException ignored) {
            // process gone
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
