package io.partitionanalytics.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.partitionanalytics.config.AnalyticsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the names of every node, store and internal topic: renaming one renames a changelog or repartition topic,
 * which loses state on upgrade. Change {@code topology-description.txt} only on purpose, with a migration note.
 */
class TopologyDescriptionTest {

    @Test
    void shouldKeepEveryNodeStoreAndTopicName() throws IOException {
        AnalyticsConfig config = new AnalyticsConfig(Map.of("bootstrap.servers", "unused:9092"));

        String description = PartitionAnalyticsTopology.build(config, 12, config.streamsProperties())
                .describe()
                .toString();

        assertThat(normalise(description)).isEqualTo(normalise(expected()));
    }

    private static String expected() throws IOException {
        try (InputStream in = TopologyDescriptionTest.class.getResourceAsStream("/topology-description.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("[ \\t]+\\n", "\n");
    }
}
