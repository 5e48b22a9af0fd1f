package io.partitionanalytics.cli;

import io.partitionanalytics.app.AnalyticsApp;
import io.partitionanalytics.config.AnalyticsConfig;
import io.partitionanalytics.config.EnvironmentOverrides;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the pipeline against any cluster. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Run the analytics pipeline against a Kafka cluster until SIGTERM / Ctrl-C.",
            "Settings come from the properties file; environment variables override it (KAFKA_BOOTSTRAP_SERVERS -> "
                    + "bootstrap.servers; in the rest of the name _ is a dot, __ an underscore, ___ a dash).",
            "Every Kafka Streams / client setting (security, threads, state.dir, ...) may be given too."
        })
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(
            names = {"-c", "--config"},
            description = "Properties file (optional when the environment gives everything).")
    Path configFile;

    @Option(
            names = "--http-port",
            description = "HTTP port (/api, /metrics, /health, web view); overrides http.port. " + "Default 8080.")
    Integer httpPort;

    @Option(
            names = "--http-host",
            description = "Address to bind the HTTP port to; overrides http.host. Default "
                    + "127.0.0.1 (this machine only).")
    String httpHost;

    @Override
    public Integer call() throws Exception {
        Properties file = new Properties();
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + ": no such readable file");
            }
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("--config " + configFile + ": " + e.getMessage(), e);
            }
        }
        Properties props = EnvironmentOverrides.apply(file, System.getenv());
        if (httpPort != null) {
            props.put(AnalyticsConfig.HTTP_PORT_CONFIG, String.valueOf(httpPort));
        }
        if (httpHost != null) {
            props.put(AnalyticsConfig.HTTP_HOST_CONFIG, httpHost);
        }
        AnalyticsConfig config = new AnalyticsConfig(props);
        AnalyticsApp app = AnalyticsApp.start(config);
        Thread hook = new Thread(
                () -> {
                    log.info("Shutting down (closing within {} s)...", AnalyticsApp.CLOSE_TIMEOUT.toSeconds());
                    app.close();
                },
                "run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.awaitStop();
        if (app.isInError()) {
            return 2;
        }
        return 0;
    }
}
