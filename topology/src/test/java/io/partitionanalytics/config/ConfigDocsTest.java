package io.partitionanalytics.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    private static final Path README = Path.of("..", "README.md");

    @Test
    void shouldDocumentEveryKeyWithItsDefault() {
        assertThat(ConfigDocs.markdown())
                .contains("| `window.size.ms` | `2000` |")
                .contains("| `analysis.strategies` |")
                .contains("| `consistent-hash` | `vnodes` |");
    }

    @Test
    void shouldKeepTheReadmeTableEqualToTheDefinitions() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(ConfigDocs.START_MARKER);
        int end = readme.indexOf(ConfigDocs.END_MARKER);
        assertThat(start).as("README has the config table markers").isNotNegative();
        String inReadme =
                readme.substring(start + ConfigDocs.START_MARKER.length(), end).strip();

        // To update: copy target/config-table.md into README.md between the markers.
        Files.writeString(Path.of("target", "config-table.md"), ConfigDocs.markdown());
        assertThat(inReadme).isEqualTo(ConfigDocs.markdown().strip());
    }
}
