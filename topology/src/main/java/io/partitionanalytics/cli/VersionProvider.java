package io.partitionanalytics.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version built into the jar, with the Kafka version it was built against. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return new String[] {
            "partition-analytics " + props.getProperty("version", "unknown"),
            "Kafka " + props.getProperty("kafka", "unknown") + ", Java " + System.getProperty("java.version")
        };
    }
}
