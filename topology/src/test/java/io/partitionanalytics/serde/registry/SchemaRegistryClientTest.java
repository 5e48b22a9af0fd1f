package io.partitionanalytics.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partitionanalytics.broker.FreePort;
import io.partitionanalytics.schemas.MessageEvent;
import io.partitionanalytics.schemas.PartitionLoad;
import io.partitionanalytics.schemas.ReleasedSchemas;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against an in-process registry that speaks the documented API, error bodies included. */
class SchemaRegistryClientTest {

    private static final Schema V1 = ReleasedSchemas.version("MessageEvent", 1).orElseThrow();
    private static final Schema V2 = MessageEvent.getClassSchema();

    private FakeSchemaRegistry registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void startRegistry() {
        registry = FakeSchemaRegistry.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        registry.close();
    }

    private SchemaRegistryClient client(RegistrySettings settings) {
        client = new SchemaRegistryClient(settings, RegistryHealth.configured());
        return client;
    }

    private static RegistrySettings fast(URI... urls) {
        return new RegistrySettings(
                List.of(urls),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(2),
                Duration.ofMillis(5),
                Duration.ofMillis(50),
                Duration.ofMillis(400));
    }

    @Test
    void shouldFetchASchemaByIdOnceAndServeItFromTheCacheAfterwards() {
        int id = registry.register("message-events-value", V1);
        SchemaRegistryClient client = client(fast(registry.url()));

        Schema first = client.schemaById(id);
        Schema second = client.schemaById(id);

        assertThat(first).isEqualTo(V1).isSameAs(second);
        assertThat(registry.requestCount("GET /schemas/ids/" + id)).isEqualTo(1);
        assertThat(client.health().snapshot().status()).isEqualTo(RegistryHealth.Status.REACHABLE);
    }

    @Test
    void shouldReportAnUnknownIdWithTheRegistrysErrorCode() {
        SchemaRegistryClient client = client(fast(registry.url()));

        assertThatThrownBy(() -> client.schemaById(42)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40403);
            assertThat(e.isSchemaNotFound()).isTrue();
            assertThat(e.getMessage()).contains("Schema 42 not found");
        });
        // An answer is an answer: the registry is reachable.
        assertThat(client.health().isHealthy()).isTrue();
        // Asked again within a minute: remembered, not asked again.
        assertThatThrownBy(() -> client.schemaById(42)).isInstanceOf(SchemaRegistryException.class);
        assertThat(registry.requestCount("GET /schemas/ids/42")).isEqualTo(1);
    }

    @Test
    void shouldRegisterUnderASubjectAndGetTheSameIdForTheSameSchemaEverywhere() {
        SchemaRegistryClient client = client(fast(registry.url()));

        int id = client.register("partition-load-value", PartitionLoad.getClassSchema());
        int again = client.register("partition-load-value", PartitionLoad.getClassSchema());
        int otherSubject = client.register("other-topic-value", PartitionLoad.getClassSchema());

        assertThat(again).isEqualTo(id);
        assertThat(otherSubject).isEqualTo(id);
        assertThat(registry.requestCount("POST /subjects/partition-load-value/versions"))
                .isEqualTo(1);
        // The id serves the schema back (from the cache, too).
        assertThat(client.schemaById(id)).isEqualTo(PartitionLoad.getClassSchema());
    }

    @Test
    void shouldLookUpARegisteredSchemaAndReportOneThatIsNot() {
        int id = registry.register("message-events-value", V2);
        SchemaRegistryClient client = client(fast(registry.url()));

        assertThat(client.lookup("message-events-value", V2)).isEqualTo(id);
        assertThatThrownBy(() -> client.lookup("message-events-value", V1))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40403));
        assertThatThrownBy(() -> client.lookup("no-such-topic-value", V2))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40401);
                    assertThat(e.isSubjectOrSchemaNotFound()).isTrue();
                });
        assertThat(registry.requests()).contains("POST /subjects/message-events-value");
    }

    @Test
    void shouldPassOnTheRegistrysRefusalOfAnIncompatibleSchema() {
        SchemaRegistryClient client = client(fast(registry.url()));
        client.register("events-value", V2);
        Schema incompatible = SchemaBuilder.record("MessageEvent")
                .namespace("io.partitionanalytics.schemas")
                .fields()
                .requiredString("event_id")
                .requiredString("brand_new_required")
                .endRecord();

        assertThatThrownBy(() -> client.register("events-value", incompatible))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("incompatible with an earlier schema");
                });
    }

    @Test
    void shouldRefuseSchemasItCannotReadAsAvro() {
        int protobuf = registry.addRaw("syntax = \"proto3\"; message M {}", "PROTOBUF", false);
        int withReferences = registry.addRaw(V2.toString(), "AVRO", true);
        SchemaRegistryClient client = client(fast(registry.url()));

        assertThatThrownBy(() -> client.schemaById(protobuf))
                .isInstanceOf(UnusableSchemaException.class)
                .hasMessageContaining("PROTOBUF");
        assertThatThrownBy(() -> client.schemaById(withReferences))
                .isInstanceOf(UnusableSchemaException.class)
                .hasMessageContaining("references");
    }

    @Test
    void shouldRetryServerErrorsWithBackoffUntilTheRegistryAnswers() {
        int id = registry.register("message-events-value", V1);
        registry.failNext(3, 503);
        SchemaRegistryClient client = client(
                fast(registry.url()).withRetries(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(10)));

        Schema schema = client.schemaById(id);

        assertThat(schema).isEqualTo(V1);
        assertThat(registry.requestCount("GET /schemas/ids/" + id)).isEqualTo(4);
        assertThat(client.health().isHealthy()).isTrue();
    }

    @Test
    void shouldReportTheRegistryUnreachableAfterItsRetriesAndRecoverThroughTheProbe() {
        // Given: a registry that stops answering
        int id = registry.register("message-events-value", V1);
        SchemaRegistryClient client = client(fast(registry.url()));
        List<RegistryHealth.Status> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.health().addListener(snapshot -> changes.add(snapshot.status()));
        registry.stopServer();

        // When: a schema is needed
        // Then: it is an outage, not an unknown schema
        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .isNotInstanceOf(SchemaRegistryException.class);
        RegistryHealth.Snapshot down = client.health().snapshot();
        assertThat(down.status()).isEqualTo(RegistryHealth.Status.UNREACHABLE);
        assertThat(down.healthy()).isFalse();
        assertThat(down.lastError()).contains("ConnectException");

        // When: it is back, the background probe notices without being asked, and fetched the schema meanwhile
        registry.resume();
        await(() -> client.health().isHealthy());
        assertThat(changes).containsExactly(RegistryHealth.Status.UNREACHABLE, RegistryHealth.Status.REACHABLE);
        long requests = registry.requestCount("GET /schemas/ids/" + id);
        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(registry.requestCount("GET /schemas/ids/" + id)).isEqualTo(requests);
    }

    @Test
    void shouldTakeA404WithoutARegistryErrorCodeForAWrongUrlNotForAnUnknownSchema() {
        int id = registry.register("message-events-value", V1);
        SchemaRegistryClient client = client(fast(URI.create(registry.url() + "/not-the-registry")));

        assertThatThrownBy(() -> client.schemaById(id))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("404");
        assertThat(client.health().snapshot().lastError()).contains("HTTP 404");
    }

    @Test
    void shouldSendBasicAuthCredentialsAndTreatARefusalAsAnOutage() {
        int id = registry.register("message-events-value", V1);
        registry.requireBasicAuth("analytics:s3cret");

        SchemaRegistryClient withCredentials = client(fast(registry.url()).withUserInfo("analytics:s3cret"));
        assertThat(withCredentials.schemaById(id)).isEqualTo(V1);
        withCredentials.close();

        SchemaRegistryClient inUrl = client(fast(
                URI.create("http://analytics:s3cret@127.0.0.1:" + registry.url().getPort())));
        assertThat(inUrl.schemaById(id)).isEqualTo(V1);
        inUrl.close();

        SchemaRegistryClient without = client(fast(registry.url()));
        assertThatThrownBy(() -> without.schemaById(id))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("401");
    }

    @Test
    void shouldFailOverToTheNextUrl() throws Exception {
        int id = registry.register("message-events-value", V1);
        int closedPort = FreePort.onLoopback();
        SchemaRegistryClient client = client(fast(URI.create("http://127.0.0.1:" + closedPort), registry.url()));

        assertThat(client.schemaById(id)).isEqualTo(V1);
        assertThat(client.register("x-value", V2)).isPositive();
    }

    @Test
    void shouldUseTheConfiguredTruststoreAndKeystoreForAnHttpsRegistry(@TempDir Path dir) throws Exception {
        // Given: a registry with a self-signed certificate that demands a client certificate (mutual TLS)
        Path serverStore = TestCertificates.keyStore(dir, "registry");
        Path clientStore = TestCertificates.keyStore(dir, "analytics");
        char[] password = TestCertificates.PASSWORD.toCharArray();
        SSLContext serverTls = RegistryTls.sslContext(
                "TLSv1.3",
                clientStore.toString(),
                "PKCS12",
                password,
                serverStore.toString(),
                "PKCS12",
                password,
                null);
        registry.close();
        registry = FakeSchemaRegistry.startHttps(serverTls, true);
        int id = registry.register("message-events-value", V1);

        // When: the client trusts the registry's certificate and presents its own
        SSLContext clientTls = RegistryTls.sslContext(
                "TLSv1.3",
                serverStore.toString(),
                "PKCS12",
                password,
                clientStore.toString(),
                "PKCS12",
                password,
                null);
        SchemaRegistryClient trusted = client(fast(registry.url()).withSslContext(clientTls));

        // Then: it reads the schema
        assertThat(trusted.schemaById(id)).isEqualTo(V1);
        trusted.close();

        // And: without the truststore, or without the client certificate, nothing is read (and it is no bad input)
        SchemaRegistryClient untrusting = client(fast(registry.url()));
        assertThatThrownBy(() -> untrusting.schemaById(id)).isInstanceOf(SchemaRegistryUnavailableException.class);
        untrusting.close();
        SSLContext noClientCertificate =
                RegistryTls.sslContext("TLSv1.3", serverStore.toString(), "PKCS12", password, null, null, null, null);
        SchemaRegistryClient anonymous = client(fast(registry.url()).withSslContext(noClientCertificate));
        assertThatThrownBy(() -> anonymous.schemaById(id)).isInstanceOf(SchemaRegistryUnavailableException.class);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
