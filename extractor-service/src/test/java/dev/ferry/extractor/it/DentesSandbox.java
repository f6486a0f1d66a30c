package dev.ferry.extractor.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Dr.DENTES sandbox (simulators/dentes-sim) as a child process on a free port, serving a generated practice,
 * with its {@code /_sim} control panel: stats, runtime faults, mutations. See simulators/dentes-sim/README.md.
 */
final class DentesSandbox implements AutoCloseable {

    static final String TOKEN = "dentes-sandbox-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildJvm process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DentesSandbox(ChildJvm process) {
        this.process = process;
    }

    /** Starts the sandbox with a generated practice of {@code patients} patients (cached under target/). */
    static DentesSandbox start(int patients, String... extraProperties) {
        Path module = Path.of("").toAbsolutePath();
        List<String> props = new ArrayList<>(List.of(
                "dentes-sim.generate.patients=" + patients,
                "dentes-sim.generate.seed=42",
                "dentes-sim.generate.dir=" + module.resolve("target/dentes-practices/generated-" + patients + "-42"),
                "dentes-sim.work-dir=" + module.resolve("target/dentes-sim-work"),
                "dentes-sim.tokens=" + TOKEN));
        props.addAll(List.of(extraProperties));
        return new DentesSandbox(PackagedApp.DENTES_SIM.jvm("dentes-sim").jvmOption("-Xmx384m").freeHttpPort()
                .readyPath("/_sim/stats").systemProperties(props).logDir(module.resolve("target/it-logs")).build()
                .startAndAwaitReady(Duration.ofSeconds(120)));
    }

    String baseUrl() {
        return process.baseUrl();
    }

    /** {@code GET /_sim/stats}. */
    JsonNode stats() {
        return send("GET", "/_sim/stats", null);
    }

    /** Requests answered for a resource with a status, from the stats. */
    long requests(String resource, int status) {
        return stats().path("requests").path(resource).path(String.valueOf(status)).asLong(0);
    }

    /** All records of the resource counted by the sandbox, deleted ones included. */
    long total(String resource) {
        return stats().path("records").path(resource).path("total").asLong();
    }

    long deleted(String resource) {
        return stats().path("records").path(resource).path("deleted").asLong();
    }

    /** {@code PUT /_sim/config} with a merge patch. */
    void configure(String jsonPatch) {
        send("PUT", "/_sim/config", jsonPatch);
    }

    /** {@code POST /_sim/mutations}. */
    JsonNode mutate(String body) {
        return send("POST", "/_sim/mutations", body);
    }

    /** Every record of a resource as the API serves it now (include_deleted), id -> record. */
    Map<String, ObjectNode> readAll(String resource) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            JsonNode body = api("/api/v1/" + resource + "?page=" + page + "&per_page=200&sort=updated_at"
                    + "&include_deleted=true");
            body.path("data").forEach(r -> out.put(r.path("id").asText(), (ObjectNode) r));
            if (page >= body.path("meta").path("total_pages").asInt()) {
                return out;
            }
        }
    }

    /** One page of the list API, as the extractor would ask for it. */
    JsonNode page(String resource, int page, int perPage) {
        return api("/api/v1/" + resource + "?page=" + page + "&per_page=" + perPage
                + "&sort=updated_at&include_deleted=true");
    }

    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                    .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + r.statusCode() + " to " + pathAndQuery);
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode send(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + r.statusCode() + " to " + method + " " + path
                        + ": " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
