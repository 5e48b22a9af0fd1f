package io.partitionanalytics.serde.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of the registry client from Kafka-style settings (the {@code
 * schema.registry.ssl.*} keys): a truststore for the registry's certificate, a keystore for mutual TLS. JKS and
 * PKCS12 stores; host names are always verified (java.net.http does).
 */
public final class RegistryTls {

    private RegistryTls() {}

    /**
     * @param truststore path, or null for the JVM's default trust
     * @param keystore path, or null for no client certificate
     * @param keyPassword password of the private key; null: the keystore's password
     */
    public static SSLContext sslContext(
            String protocol,
            String truststore,
            String truststoreType,
            char[] truststorePassword,
            String keystore,
            String keystoreType,
            char[] keystorePassword,
            char[] keyPassword) {
        try {
            TrustManager[] trustManagers = null;
            if (truststore != null) {
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(truststore, truststoreType, truststorePassword));
                trustManagers = factory.getTrustManagers();
            }
            KeyManager[] keyManagers = null;
            if (keystore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(
                        load(keystore, keystoreType, keystorePassword),
                        keyPassword != null ? keyPassword : keystorePassword);
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance(protocol);
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String type, char[] password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password);
        }
        return store;
    }
}
