package dev.ferry.mapper.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loader's {@code GET /target/metadata} as the mapper reads it, served by a tiny in-test HTTP server (the loader
 * is a separate service; this test is about the mapper's reading of the agreed JSON shape).
 */
class LoaderMetadataClientTest {

    private HttpServer server;
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> body = new AtomicReference<>(Fixtures.resource("target-metadata.json"));
    private final AtomicReference<String> requestedPath = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requestedPath.set(exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private LoaderMetadataClient client() {
        return new LoaderMetadataClient("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(2));
    }

    @Test
    void readsTheAgreedShape() throws Exception {
        LoaderMetadataClient.Fetched fetched = client().fetch();
        assertThat(requestedPath.get()).isEqualTo("/target/metadata");
        TargetMetadata m = fetched.metadata();
        assertThat(m.owners()).hasSize(5);
        assertThat(m.owners().get(3).active()).isFalse();
        assertThat(m.lifecycleStages()).extracting(TargetMetadata.LifecycleStage::type).contains("Lead", "Customer");
        assertThat(m.fields().get("contacts")).extracting(TargetMetadata.FieldDef::name).contains("cf_treatment_type");
        TargetView view = new TargetView(m);
        assertThat(view.lifecycleStageOfType("lead").orElseThrow().id()).isEqualTo(71);
        assertThat(view.field("contacts", "cf_treatment_type").orElseThrow().choices()).hasSize(3);
        assertThat(view.knowsFieldsOf("deals")).isTrue();
        assertThat(view.knowsFieldsOf("appointments")).isFalse();
        assertThat(view.lookup("sales_activity_types", "meeting").orElseThrow().id()).isEqualTo(71000000802L);
        assertThat(TargetView.dealStage(view.dealPipeline("Treatment Plans").orElseThrow(), "closed won")
                .orElseThrow().id()).isEqualTo(224);
        assertThat(view.lookup("currencies", "TRY").orElseThrow().id()).isEqualTo(503);
        assertThat(fetched.body()).isEqualTo(body.get());
    }

    @Test
    void toleratesMissingListsAndUnknownFields() throws Exception {
        body.set("{\"owners\": [{\"id\": 5, \"email\": \"a@b.example\"}], \"territories\": []}");
        TargetMetadata m = client().fetch().metadata();
        assertThat(m.owners()).singleElement().satisfies(o -> assertThat(o.active()).isTrue());
        assertThat(m.leadSources()).isEmpty();
        assertThat(m.fields()).isEmpty();
    }

    @Test
    void theServiceTokenGoesAsABearerAndNeverIntoAnError() throws Exception {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        new LoaderMetadataClient(base, Duration.ofSeconds(2), java.util.Optional.of("svc-token-42")).fetch();
        assertThat(authorization.get()).isEqualTo("Bearer svc-token-42");

        status.set(401);
        assertThatThrownBy(() -> new LoaderMetadataClient(base, Duration.ofSeconds(2), java.util.Optional.of("svc-token-42"))
                .fetch()).hasMessageContaining("401").hasMessageNotContaining("svc-token-42");

        status.set(200);
        client().fetch();
        assertThat(authorization.get()).as("no token configured, no header").isNull();
    }

    @Test
    void anErrorStatusIsUnavailable() {
        status.set(503);
        assertThatThrownBy(() -> client().fetch()).isInstanceOf(MetadataUnavailableException.class)
                .hasMessageContaining("answered HTTP 503");
    }

    @Test
    void aBodyInAnotherShapeIsUnavailableWithoutQuotingIt() {
        body.set("{\"owners\": \"secret-token-123\"}");
        assertThatThrownBy(() -> client().fetch()).isInstanceOf(MetadataUnavailableException.class)
                .hasMessageContaining("not in the agreed shape").hasMessageNotContaining("secret-token-123");
    }

    @Test
    void aLoaderThatIsNotThereIsUnavailable() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        LoaderMetadataClient absent = new LoaderMetadataClient("http://127.0.0.1:" + freePort + "/", Duration.ofSeconds(1));
        assertThat(absent.uri().toString()).endsWith(":" + freePort + "/target/metadata");
        assertThatThrownBy(absent::fetch).isInstanceOf(MetadataUnavailableException.class).hasMessageContaining("did not answer");
    }
}
