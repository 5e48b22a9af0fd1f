package io.partitionanalytics.connect;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;

/**
 * A real Kafka Connect worker (distributed mode, Apache Kafka's connect-runtime) in this JVM, configured from the
 * image's {@code connectors/docker/connect-distributed.properties} with only the broker address, the REST listener
 * and the plugin path replaced. Plugins (Debezium's JDBC sink, our converter) load from {@code plugin.path} in their
 * own class loaders, as in production.
 */
final class ConnectWorker implements AutoCloseable {

    private final Connect<DistributedHerder> connect;
    private final URI url;

    private ConnectWorker(Connect<DistributedHerder> connect, URI url) {
        this.connect = connect;
        this.url = url;
    }

    static ConnectWorker start(Path workerProperties, String bootstrapServers, Path pluginPath) throws IOException {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(workerProperties)) {
            file.load(reader);
        }
        Map<String, String> props = new HashMap<>();
        file.stringPropertyNames().forEach(name -> props.put(name, file.getProperty(name)));
        int port = freePort();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("plugin.path", pluginPath.toAbsolutePath().toString());
        Connect<DistributedHerder> connect = new ConnectDistributed().startConnect(props);
        return new ConnectWorker(connect, URI.create("http://127.0.0.1:" + port));
    }

    URI url() {
        return url;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        connect.stop();
        connect.awaitStop();
    }
}
