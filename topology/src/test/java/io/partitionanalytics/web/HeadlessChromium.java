package io.partitionanalytics.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Nothing is downloaded: both paths are given
 * explicitly, so Selenium Manager is never consulted. Paths can be overridden with the system properties
 * {@value #BINARY_PROPERTY} and {@value #DRIVER_PROPERTY}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String BINARY_PROPERTY = "chromium.binary";
    static final String DRIVER_PROPERTY = ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY; // webdriver.chrome.driver

    /**
     * WebDriver's classic protocol is all this uses; Selenium still looks for a DevTools (CDP) binding matching the
     * browser's version and warns when Debian's Chromium is newer than the bindings it ships. Held here: the JDK keeps
     * loggers only weakly.
     */
    private static final Logger CDP_VERSION_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final Logger CDP_MISSING_WARNINGS = quiet("org.openqa.selenium.chromium.ChromiumDriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser with a fresh profile under {@code workDir}; fails with a clear message when not installed. */
    static HeadlessChromium start(Path workDir, int width, int height) throws IOException {
        Path binary = Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
        for (Path required : List.of(binary, chromedriver)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the web view is tested in a real browser."
                        + " Install Debian's packages: apt-get update && apt-get install -y chromium chromium-driver"
                        + " (.ci/run does), or point -D" + BINARY_PROPERTY + " and -D" + DRIVER_PROPERTY
                        + " at a Chromium and its chromedriver.");
            }
        }
        System.setProperty(DRIVER_PROPERTY, chromedriver.toString());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // CI runs as root
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory(workDir, "chromium-profile-"));
        // The browser's console, readable through the WebDriver log endpoint.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogFile(workDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    ChromeDriver driver() {
        return driver;
    }

    Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** The console entries (and failed resource loads) since the last call. */
    List<LogEntry> consoleSinceLastCall() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** A screenshot of the whole page: the window grows to the page's height first. */
    void screenshot(Path file) throws IOException {
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        Dimension size = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(6000, height)));
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
