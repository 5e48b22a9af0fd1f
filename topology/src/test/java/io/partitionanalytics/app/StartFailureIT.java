package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.broker.EmbeddedKafkaBroker;
import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.config.AnalyticsConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start that fails once the cluster is checked leaves nothing running: no HTTP server, no monitor thread. */
class StartFailureIT {

    private static final String INPUT = "start-failure-input";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.builder().build().start();
        TopicAdmin.ensureTopic(TopicAdmin.clientProps(broker.bootstrapServers()), INPUT, 2, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldStopWhatItStartedWhenKafkaStreamsRefusesItsSettings(@TempDir Path stateDir) throws Exception {
        // Given a setting that only Kafka Streams checks, when it is built: after the HTTP server and the monitor
        int httpPort = FreePort.onLoopback();
        Map<String, String> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "start-failure");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "no-port-here");
        props.put(AnalyticsConfig.INPUT_TOPIC_CONFIG, INPUT);
        props.put(AnalyticsConfig.HTTP_PORT_CONFIG, String.valueOf(httpPort));

        // When / Then
        assertThatThrownBy(() -> AnalyticsApp.start(new AnalyticsConfig(props)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no-port-here");

        // and the HTTP port is free again, and the input monitor's thread gone
        try (ServerSocket socket = new ServerSocket(httpPort, 50, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(httpPort);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // an interrupted thread ends in its time
        while (monitorThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(monitorThreadAlive()).isFalse();
    }

    private static boolean monitorThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("input-offsets-monitor") && thread.isAlive());
    }
}
