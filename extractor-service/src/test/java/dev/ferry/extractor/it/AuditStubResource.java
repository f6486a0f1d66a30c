package dev.ferry.extractor.it;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the audit service's {@code GET /records/unsettled?resource=} (issue 12): answers the ids a test put
 * in {@link #UNSETTLED} (none for a resource it did not name), and remembers what was asked and with which token.
 */
public class AuditStubResource implements QuarkusTestResourceLifecycleManager {

    /** Resource path → the ids the stub answers. */
    static final Map<String, List<String>> UNSETTLED = new ConcurrentHashMap<>();
    /** Every request: "resource|Authorization header". */
    static final List<String> ASKED = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/records/unsettled", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String resource = query == null ? "" : query.replaceFirst("^resource=", "");
            ASKED.add(resource + "|" + exchange.getRequestHeaders().getFirst("Authorization"));
            StringBuilder body = new StringBuilder("{\"resource\":\"").append(resource).append("\",\"ids\":[");
            List<String> ids = UNSETTLED.getOrDefault(resource, List.of());
            for (int i = 0; i < ids.size(); i++) {
                body.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
            }
            byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("ferry.extractor.delta.audit-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
