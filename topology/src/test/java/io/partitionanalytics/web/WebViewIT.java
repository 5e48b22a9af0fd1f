package io.partitionanalytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.partitionanalytics.http.HttpApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.logging.LogEntry;

/**
 * The web view in a real browser (Debian's headless Chromium) against a running demo pipeline: it loads without
 * console errors, draws one heat map per strategy with non-zero cells and the skew of every strategy, and shows the
 * hot-channel alert. Screenshots go to {@code target/web-view/}.
 */
@Timeout(300)
class WebViewIT {

    private static final Path OUTPUT = Path.of("target", "web-view");

    /** What the page shows, read from its DOM and from its ECharts instances. */
    private static final String PAGE_STATE =
            """
            const chartData = (el) => {
              const chart = el && echarts.getInstanceByDom(el);
              return chart ? chart.getOption().series : [];
            };
            const heatmaps = {};
            document.querySelectorAll('.heatmap-card').forEach((card) => {
              const cells = (chartData(card.querySelector('.chart'))[0] || {}).data || [];
              heatmaps[card.dataset.strategy] = cells.filter((cell) => cell[3] > 0).length;
            });
            const skew = {};
            chartData(document.getElementById('skew-chart')).forEach((s) => { skew[s.name] = s.data.length; });
            const alerts = Array.from(document.querySelectorAll('#alerts .alert')).map((a) => ({
              strategy: a.dataset.strategy,
              keys: Array.from(a.querySelectorAll('.keys td.mono')).map((td) => td.textContent),
            }));
            return {status: document.getElementById('status').textContent, heatmaps, skew, alerts};
            """;

    @Test
    void shouldShowLiveHeatMapsSkewAndTheHotChannelAlertWithoutConsoleErrors(@TempDir Path stateDir) throws Exception {
        // Given: the demo's hot-channel scenario: c-42 takes 40% of 1,000 events/s after 4 s, 2 s windows
        try (HeadlessChromium chromium = HeadlessChromium.start(workDir(), 1600, 1000);
                DemoPipeline demo = DemoPipeline.hotChannel(stateDir, 1000, Duration.ofSeconds(4))) {
            demo.awaitServing(Duration.ofSeconds(90));

            // When: the page is opened and left to poll
            chromium.driver().get(demo.url());
            Map<String, Object> page = awaitPage(
                    chromium,
                    Duration.ofSeconds(150),
                    state -> nonZeroHeatmaps(state).size() == demo.strategies().size()
                            && hotChannelAlertStrategies(state).contains("murmur3-channel"));
            Thread.sleep(500); // let the last redraw settle before the picture
            chromium.screenshot(OUTPUT.resolve("web-view.png"));
            List<LogEntry> console = chromium.consoleSinceLastCall();

            // Then: one heat map per strategy, each with non-zero cells; every strategy's skew; the c-42 alert
            assertThat(heatmaps(page).keySet())
                    .as("heat maps on the page: %s", page)
                    .containsExactlyInAnyOrderElementsOf(demo.strategies());
            assertThat(nonZeroHeatmaps(page))
                    .as("heat maps with non-zero cells")
                    .isEqualTo(heatmaps(page).keySet());
            assertThat(skewSeries(page).keySet()).containsExactlyInAnyOrderElementsOf(demo.strategies());
            assertThat(skewSeries(page).values())
                    .allSatisfy(points -> assertThat(points.intValue()).isPositive());
            assertThat(hotChannelAlertStrategies(page)).contains("murmur3-channel");
            assertThat((String) page.get("status")).startsWith("live");
            // ... and the browser's console has no errors: no script error, no failed request
            assertThat(console)
                    .as("console:%n%s", describe(console))
                    .noneMatch(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue());
        }
    }

    @Test
    void shouldSayStartingAndKeepAskingWhileThePipelineIsNotReady() throws Exception {
        // Given: the HTTP port of an instance whose Kafka Streams has not started: /api answers 503
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (HttpApi api =
                        HttpApi.start("127.0.0.1", 0, List.of("observed", "jump"), () -> null, () -> null, registry);
                HeadlessChromium chromium = HeadlessChromium.start(workDir(), 1600, 1000)) {

            // When
            chromium.driver().get("http://127.0.0.1:" + api.port() + "/");
            Map<String, Object> page =
                    awaitPage(chromium, Duration.ofSeconds(30), state -> "starting…".equals(state.get("status")));
            Thread.sleep(4_500);
            long loadRequests = ((Number) chromium.script(
                            "return performance.getEntriesByName(location.origin + '/api/load').length"))
                    .longValue();
            chromium.screenshot(OUTPUT.resolve("web-view-starting.png"));

            // Then: it says so, shows where the heat maps will be, and keeps polling
            assertThat(page.get("status")).isEqualTo("starting…");
            assertThat(heatmaps(page).keySet()).containsExactlyInAnyOrder("observed", "jump");
            assertThat(loadRequests).as("requests of /api/load so far").isGreaterThanOrEqualTo(3);
            assertThat(chromium.script("return document.getElementById('status').textContent"))
                    .isEqualTo("starting…");
        }
    }

    private static Path workDir() throws java.io.IOException {
        return Files.createDirectories(OUTPUT);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitPage(
            HeadlessChromium chromium, Duration timeout, Predicate<Map<String, Object>> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> state = Map.of();
        while (System.nanoTime() < deadline) {
            Object result = chromium.script("if (typeof echarts === 'undefined') { return null; }\n" + PAGE_STATE);
            if (result != null) {
                state = (Map<String, Object>) result;
                if (done.test(state)) {
                    return state;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the page did not get there within " + timeout + "; last seen: " + state
                + "; console:\n" + describe(chromium.consoleSinceLastCall()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> heatmaps(Map<String, Object> state) {
        return (Map<String, Number>) state.getOrDefault("heatmaps", Map.of());
    }

    private static java.util.Set<String> nonZeroHeatmaps(Map<String, Object> state) {
        return heatmaps(state).entrySet().stream()
                .filter(e -> e.getValue().longValue() > 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> skewSeries(Map<String, Object> state) {
        return (Map<String, Number>) state.getOrDefault("skew", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> hotChannelAlertStrategies(Map<String, Object> state) {
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) state.getOrDefault("alerts", List.of());
        return alerts.stream()
                .filter(alert -> ((List<String>) alert.get("keys")).contains(DemoPipeline.HOT_CHANNEL))
                .map(alert -> (String) alert.get("strategy"))
                .collect(Collectors.toSet());
    }

    private static String describe(List<LogEntry> console) {
        return console.stream().map(LogEntry::toString).collect(Collectors.joining("\n"));
    }
}
