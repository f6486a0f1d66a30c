package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.testsupport.ManualClock;
import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.Edition;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.store.MetadataStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run's metadata: asked from the loader once, kept as the run's snapshot (so a restart or another replica maps the
 * run against the same metadata), and not asked again before {@code metadata-retry} after a failure. Time is a
 * settable clock; the loader is a tiny in-test HTTP server; the snapshot table is a map.
 */
class TargetMetadataServiceTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int status = 503;
    private volatile String body = Fixtures.resource("target-metadata.json");
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T10:00:00Z"));
    private final InMemorySnapshots snapshots = new InMemorySnapshots();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/target/metadata", exchange -> {
            requests.incrementAndGet();
            byte[] bytes = (status == 200 ? body : "{\"error\": \"no budget\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
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

    private TargetMetadataService service() {
        MapperConfig config = new Config("http://127.0.0.1:" + server.getAddress().getPort());
        return new TargetMetadataService(new LoaderMetadataClient(config.loaderUrl(), config.metadataTimeout()),
                snapshots, config, clock);
    }

    @Test
    void afterAFailureTheLoaderIsAskedAgainOnlyAfterTheRetryDelay() {
        TargetMetadataService service = service();
        assertThat(service.forRun("run-1")).isEmpty();
        assertThat(service.unavailableReason()).contains("answered HTTP 503");
        clock.advance(Duration.ofSeconds(9));
        assertThat(service.forRun("run-1")).isEmpty();
        assertThat(requests.get()).as("still inside the 10 s retry delay").isEqualTo(1);

        status = 200;
        clock.advance(Duration.ofSeconds(1));
        Optional<TargetView> view = service.forRun("run-1");
        assertThat(view).isPresent();
        assertThat(requests.get()).isEqualTo(2);
        assertThat(view.get().lifecycleStageOfType("Customer").orElseThrow().id()).isEqualTo(72);
    }

    @Test
    void aRunKeepsItsSnapshotWhateverTheLoaderSaysLater() {
        status = 200;
        assertThat(service().forRun("run-2")).isPresent();
        assertThat(snapshots.rows).containsKey("run-2");

        // Freshsales changed (a lifecycle stage renamed); a restarted mapper still maps run-2 with the snapshot.
        body = body.replace("\"Customer\", \"type\": \"Customer\"", "\"Patient\", \"type\": \"Customer\"");
        TargetMetadataService restarted = service();
        assertThat(restarted.forRun("run-2").orElseThrow().lifecycleStageOfType("Customer").orElseThrow().name())
                .isEqualTo("Customer");
        assertThat(requests.get()).as("the snapshot answered, not the loader").isEqualTo(1);
        // A new run takes the new metadata.
        assertThat(restarted.forRun("run-3").orElseThrow().lifecycleStageOfType("Customer").orElseThrow().name())
                .isEqualTo("Patient");
        assertThat(restarted.existing("run-4")).isEmpty();
        assertThat(requests.get()).as("existing() never asks the loader").isEqualTo(2);
    }

    /** The snapshot table as a map (first snapshot of a run wins, as in the SQL). */
    static final class InMemorySnapshots extends MetadataStore {
        final Map<String, String> rows = new HashMap<>();

        InMemorySnapshots() {
            super(null);
        }

        @Override
        public String keep(String runId, String body, Instant fetchedAt) {
            return rows.computeIfAbsent(runId, k -> body);
        }

        @Override
        public Optional<String> find(String runId) {
            return Optional.ofNullable(rows.get(runId));
        }
    }
    record Config(String loaderUrl) implements MapperConfig {
        public Duration metadataTimeout() {
            return Duration.ofSeconds(2);
        }

        public Duration metadataRetry() {
            return Duration.ofSeconds(10);
        }

        public List<String> specs() {
            return List.of("classpath:mapping/dentes-freshsales.v1.yaml");
        }

        public Optional<String> defaultMappingVersion() {
            return Optional.empty();
        }

        public Optional<String> fallbackOwnerEmail() {
            return Optional.empty();
        }

        public String phoneRegion() {
            return "TR";
        }

        public Optional<Integer> noteMaxLength() {
            return Optional.empty();
        }

        @Override
        public Optional<Long> documentMaxBytes() {
            return Optional.empty();
        }

        public Edition edition() {
            return Edition.SUITE;
        }

        public Duration releaseInterval() {
            return Duration.ofSeconds(5);
        }

        public int releaseBatchSize() {
            return 200;
        }

        @Override
        public int releaseParallelism() {
            return 4;
        }

        @Override
        public java.time.Duration outageMaxPause() {
            return java.time.Duration.ofSeconds(30);
        }

        public String dbSchema() {
            return "mapper";
        }

        @Override
        public Preflight preflight() {
            return null; // not read by this test
        }
    }
}
