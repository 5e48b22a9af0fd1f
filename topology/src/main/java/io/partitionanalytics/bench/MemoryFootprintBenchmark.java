package io.partitionanalytics.bench;

import io.partitionanalytics.app.TopicAdmin;
import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.generate.GeneratorOptions;
import io.partitionanalytics.generate.LoadGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Heap of the pipeline under high key cardinality: the pipeline runs as its own JVM with a fixed maximum heap, every
 * strategy over {@code partitions} partitions, while the generator writes ever-new keys (every event a new channel)
 * at {@code rate} per second; its heap is read from its own {@code /metrics} once a second.
 */
public final class MemoryFootprintBenchmark {

    private final String bootstrapServers;
    private final Path workDir;
    private final PrintStream out;

    public MemoryFootprintBenchmark(String bootstrapServers, Path workDir, PrintStream out) {
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
        this.out = out;
    }

    /** Peak heap used and peak live data after GC, in bytes. */
    public record Result(double peakHeapUsed, double peakLiveData, long events, boolean survived) {}

    public Result run(int partitions, double rate, Duration duration, String maxHeap) throws Exception {
        String topic = "memory-events-" + System.currentTimeMillis();
        TopicAdmin.ensureTopic(TopicAdmin.clientProps(bootstrapServers), topic, partitions, Map.of());
        int httpPort = FreePort.onLoopback();
        Path config = workDir.resolve("memory.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            writer.write("bootstrap.servers=" + bootstrapServers + "\n");
            writer.write("application.id=memory-" + topic + "\n");
            writer.write("input.topic=" + topic + "\n");
            for (Map.Entry<String, String> output :
                    BenchTopics.outputsNamedAfter(topic).entrySet()) {
                writer.write(output.getKey() + "=" + output.getValue() + "\n");
            }
            writer.write("state.dir=" + Files.createTempDirectory(workDir, "state") + "\n");
            for (String strategy : io.partitionanalytics.config.AnalyticsConfig.DEFAULT_STRATEGIES) {
                if (!strategy.equals("observed")) {
                    writer.write("strategy." + strategy + ".partitions=" + partitions + "\n");
                }
            }
        }
        Process pipeline = new ProcessBuilder(CliJvm.command(
                        List.of("-Xmx" + maxHeap),
                        List.of("run", "--config", config.toString(), "--http-port", String.valueOf(httpPort))))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("pipeline.log").toFile())
                .start();
        AtomicBoolean stop = new AtomicBoolean();
        GeneratorOptions options =
                new GeneratorOptions(topic, rate, 0, duration, 1, "sequential-time", null, 0, Duration.ZERO, 7);
        LoadGenerator generator = new LoadGenerator(options, TopicAdmin.clientProps(bootstrapServers));
        Thread writer = new Thread(() -> generator.run((s, a, t, e) -> {}, stop::get), "memory-generator");
        double peakUsed = 0;
        double peakLive = 0;
        HttpClient http = HttpClient.newHttpClient();
        try {
            writer.start();
            long end = System.nanoTime() + duration.toNanos();
            long nextReport = System.nanoTime();
            while (System.nanoTime() < end && pipeline.isAlive()) {
                Thread.sleep(1_000);
                String metrics;
                try {
                    metrics = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                            .timeout(Duration.ofSeconds(5))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                } catch (IOException e) {
                    continue; // not up yet
                }
                double used = sum(metrics, "jvm_memory_used_bytes{area=\"heap\"");
                double live = sum(metrics, "jvm_gc_live_data_size_bytes");
                peakUsed = Math.max(peakUsed, used);
                peakLive = Math.max(peakLive, live);
                if (System.nanoTime() >= nextReport) {
                    out.printf(
                            "  %,d events written; heap used %.0f MB, live after GC %.0f MB%n",
                            generator.acked(), used / 1e6, live / 1e6);
                    nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                }
            }
            boolean survived = pipeline.isAlive();
            return new Result(peakUsed, peakLive, generator.acked(), survived);
        } finally {
            stop.set(true);
            writer.join(10_000);
            pipeline.destroy();
            if (!pipeline.waitFor(40, TimeUnit.SECONDS)) {
                pipeline.destroyForcibly();
            }
        }
    }

    private static double sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
