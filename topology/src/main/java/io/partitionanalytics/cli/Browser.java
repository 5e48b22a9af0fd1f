package io.partitionanalytics.cli;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a URL in the user's default browser, for {@code demo --open}; never fails the command. */
final class Browser {

    private static final Logger log = LoggerFactory.getLogger(Browser.class);

    private Browser() {}

    /** Returns whether a browser was asked to open the URL; the caller has printed it either way. */
    static boolean open(String url) {
        try {
            if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
                return true;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // A headless JVM, or a JDK without the AWT native libraries: try the freedesktop opener.
            log.debug("java.awt.Desktop cannot open {}", url, e);
        }
        try {
            Process opener = new ProcessBuilder("xdg-open", url)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            // xdg-open hands the URL over and exits; a browser it starts lives on without us.
            return !opener.waitFor(5, TimeUnit.SECONDS) || opener.exitValue() == 0;
        } catch (IOException e) {
            log.debug("xdg-open is not available", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
