package io.partitionanalytics.serde.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach the schema registry.
 *
 * @param urls base URLs, tried in turn (the one that answered last first)
 * @param userInfo {@code user:password} for HTTP basic authentication, if any
 * @param sslContext TLS settings for https URLs; empty: the JVM's defaults
 * @param requestTimeout limit of one HTTP request (also the connect timeout)
 * @param retryBackoff first pause between attempts; doubled after each, with jitter
 * @param retryBackoffMax longest pause between attempts, and the period of the background probe while unreachable
 * @param retryTimeout how long one lookup keeps retrying before the registry is reported unreachable
 */
public record RegistrySettings(
        List<URI> urls,
        Optional<String> userInfo,
        Optional<SSLContext> sslContext,
        Duration requestTimeout,
        Duration retryBackoff,
        Duration retryBackoffMax,
        Duration retryTimeout) {

    public RegistrySettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        Objects.requireNonNull(userInfo);
        Objects.requireNonNull(sslContext);
    }

    /** Plain settings for one URL: 5 s requests, backoff 100 ms to 2 s, 5 s of retries. */
    public static RegistrySettings of(URI url) {
        return new RegistrySettings(
                List.of(url),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    public RegistrySettings withUserInfo(String userInfo) {
        return new RegistrySettings(
                urls,
                Optional.ofNullable(userInfo),
                sslContext,
                requestTimeout,
                retryBackoff,
                retryBackoffMax,
                retryTimeout);
    }

    public RegistrySettings withSslContext(SSLContext context) {
        return new RegistrySettings(
                urls,
                userInfo,
                Optional.ofNullable(context),
                requestTimeout,
                retryBackoff,
                retryBackoffMax,
                retryTimeout);
    }

    public RegistrySettings withRetries(Duration backoff, Duration backoffMax, Duration timeout) {
        return new RegistrySettings(urls, userInfo, sslContext, requestTimeout, backoff, backoffMax, timeout);
    }

    public RegistrySettings withRequestTimeout(Duration timeout) {
        return new RegistrySettings(urls, userInfo, sslContext, timeout, retryBackoff, retryBackoffMax, retryTimeout);
    }
}
