package io.partitionanalytics.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The web view's page at {@code /}: {@code web/index.html} from the classpath with the version of the ECharts WebJar
 * filled in, so that the version is pinned once (in the root POM) and the page always names the jar on the classpath.
 * Its script and style sheet ({@code /web/...}) and the library ({@code /webjars/...}) are static files.
 */
final class IndexPage {

    private static final String TEMPLATE = "web/index.html";
    private static final String ECHARTS_POM_PROPERTIES = "META-INF/maven/org.webjars/echarts/pom.properties";
    private static final String VERSION_PLACEHOLDER = "{{echarts.version}}";

    private static final String HTML = load();

    private IndexPage() {}

    static String html() {
        return HTML;
    }

    private static String load() {
        try (InputStream template = open(TEMPLATE);
                InputStream pom = open(ECHARTS_POM_PROPERTIES)) {
            Properties webjar = new Properties();
            webjar.load(pom);
            return new String(template.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(VERSION_PLACEHOLDER, webjar.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = IndexPage.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing from the classpath: " + resource);
        }
        return in;
    }
}
