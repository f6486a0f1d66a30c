package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.extractor.client.ConfirmedMapClient;
import dev.ferry.extractor.client.DentesHttp;
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

/**
 * The map gate (issue 11 step 2) against a stand-in mapper over real HTTP: no run on an unconfirmed map, none on a map
 * changed since it was confirmed, none on another hash than the operator confirmed; a run on a confirmed map records
 * {@code confirmed/vN} and its hash.
 */
class MapGateTest {

    private static final String SHA = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 404;
    private volatile String body = "{\"error\":\"no map is confirmed\"}";

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

    private MapGate gate() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new MapGate(true, "dentes-freshsales/v1", url,
                new ConfirmedMapClient(url, DentesHttp.newHttpClient(Duration.ofSeconds(2)), Optional.of("svc-token")));
    }

    private void mapperHas(int version, String sha, String current) {
        status = 200;
        body = "{\"version\":" + version + ",\"mappingVersion\":\"confirmed/v" + version + "\",\"sha256\":\"" + sha
                + "\",\"currentSha256\":\"" + current + "\",\"intact\":" + sha.equals(current) + "}";
    }

    @Test
    void aRunOnNoConfirmedMapIsRefusedSayingWhatToDo() {
        assertThatThrownBy(() -> gate().check(null, null))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageStartingWith("no map is confirmed: no run starts on an unconfirmed map")
                .hasMessageContaining("ferry confirm --file");
        assertThat(seen).containsExactly("/mapping/confirmations/latest Bearer svc-token");
    }

    @Test
    void aRunOnAMapChangedAfterItsConfirmationIsRefused() {
        mapperHas(2, SHA, OTHER);

        assertThatThrownBy(() -> gate().check("latest", null))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("map confirmed/v2 was changed after it was confirmed (sha256 " + SHA + " confirmed, " + OTHER
                        + " now): no run starts on a changed map; confirm the map again");
    }

    @Test
    void aRunExpectingAnotherHashThanTheMapsIsRefused() {
        mapperHas(3, SHA, SHA);

        assertThatThrownBy(() -> gate().check("v3", OTHER))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageStartingWith("map confirmed/v3 has sha256 " + SHA + ", not " + OTHER);
        assertThat(seen).containsExactly("/mapping/confirmations/v3 Bearer svc-token");
    }

    @Test
    void aRunOnAConfirmedMapRecordsItsVersionAndHash() {
        mapperHas(3, SHA, SHA);

        assertThat(gate().check(null, SHA)).isEqualTo(new MapGate.Passed("confirmed/v3", SHA));
        assertThat(gate().check("confirmed/v3", null)).isEqualTo(new MapGate.Passed("confirmed/v3", SHA));
        assertThat(seen).containsExactly("/mapping/confirmations/latest Bearer svc-token",
                "/mapping/confirmations/v3 Bearer svc-token");
    }

    @Test
    void aMapperThatDoesNotAnswerIsA503AndMalformedRequestsA400() {
        status = 500;
        assertThatThrownBy(() -> gate().check(null, null))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> gate().check("../x", null))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> gate().check(null, "ABC"))
                .isInstanceOfSatisfying(RunService.RunRequestRefused.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void withTheGateOffTheConfiguredSpecRunsUnconfirmed() {
        MapGate off = new MapGate(false, "dentes-freshsales/v1", "http://127.0.0.1:1", null);

        assertThat(off.check(null, null)).isEqualTo(new MapGate.Passed("dentes-freshsales/v1", null));
        assertThat(seen).isEmpty();
    }
}
