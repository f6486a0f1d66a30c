package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.contracts.TargetMetadata;
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

/** The loader's users for discovery: GET /target/metadata with the service token, owners decoded; refusals fail. */
class TargetUsersClientTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void stub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] b = ("{\"owners\":[{\"id\":7,\"email\":\"ali@klinik.com.tr\",\"display_name\":\"Ali\","
                    + "\"is_active\":true},{\"id\":8,\"email\":\"oya@klinik.com.tr\",\"is_active\":false}]}")
                    .getBytes(StandardCharsets.UTF_8);
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

    private TargetUsersClient client(Optional<String> url) {
        return new TargetUsersClient(url, DentesHttp.newHttpClient(Duration.ofSeconds(2)), Optional.of("svc-token"));
    }

    @Test
    void readsTheOwnersWithTheServiceToken() throws Exception {
        List<TargetMetadata.Owner> owners = client(Optional.of("http://127.0.0.1:" + server.getAddress().getPort()
                + "/")).owners();
        assertThat(owners).extracting(TargetMetadata.Owner::email, TargetMetadata.Owner::active)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ali@klinik.com.tr", true),
                        org.assertj.core.groups.Tuple.tuple("oya@klinik.com.tr", false));
        assertThat(seen).containsExactly("GET /target/metadata Bearer svc-token");
    }

    @Test
    void aRefusalOrNoUrlIsAnIOException() {
        status = 403;
        assertThatThrownBy(() -> client(Optional.of("http://127.0.0.1:" + server.getAddress().getPort())).owners())
                .isInstanceOf(IOException.class).hasMessageContaining("403").hasMessageNotContaining("svc-token");
        TargetUsersClient none = client(Optional.empty());
        assertThat(none.configured()).isFalse();
        assertThatThrownBy(none::owners).isInstanceOf(IOException.class);
    }
}
