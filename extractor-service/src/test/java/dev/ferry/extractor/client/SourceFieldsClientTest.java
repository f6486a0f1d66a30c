package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.contracts.SourceResource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extractor asks the mapper which fields a spec reads, over the service-token edge ({@link MapperEdge}). */
class SourceFieldsClientTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{}";

    @BeforeEach
    void stub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SourceFieldsClient client() {
        return new SourceFieldsClient("http://127.0.0.1:" + server.getAddress().getPort() + "/",
                DentesHttp.newHttpClient(Duration.ofSeconds(2)), Optional.of("svc-token"));
    }

    @Test
    void theFieldsPerResourceComeWithTheServiceTokenAndAResourceThisExtractorDoesNotKnowIsLeftOut() throws Exception {
        body = "{\"patients\": [\"first_name\", \"email\"], \"holograms\": [\"x\"]}";
        var fields = client().fieldsOf("confirmed/v2").orElseThrow();
        assertThat(fields).containsOnlyKeys(SourceResource.PATIENTS);
        assertThat(fields.get(SourceResource.PATIENTS)).containsExactly("first_name", "email");
        assertThat(seen).containsExactly("/mapping/specs/confirmed/v2/source-fields Bearer svc-token");
    }

    @Test
    void aVersionTheMapperDoesNotKnowIsEmptyAndAnyOtherAnswerIsAnErrorWithoutTheToken() throws Exception {
        status = 404;
        assertThat(client().fieldsOf("dentes-freshsales/v9")).isEmpty();
        status = 500;
        assertThatThrownBy(() -> client().fieldsOf("dentes-freshsales/v1")).isInstanceOf(IOException.class)
                .hasMessage("the mapper answered 500 for /mapping/specs/dentes-freshsales/v1/source-fields")
                .hasMessageNotContaining("svc-token");
    }
}
