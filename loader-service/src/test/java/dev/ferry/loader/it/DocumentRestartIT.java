package dev.ferry.loader.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.TestKafka;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, attachments, under both faults at once: the packaged loader streams files from a Dr.DENTES content
 * endpoint into the Freshsales sandbox's {@code POST /documents} while 20 % of the answers are lost after the sandbox
 * stored the file, and is killed with SIGKILL while uploads are in flight; restarted, it settles every open intent by
 * one listing of the parent's {@code document_associations}. Every document exists exactly once, on its patient's
 * contact, with the source's bytes (the sandbox keeps the SHA-256 of what it received).
 *
 * <p>The Dr.DENTES side is an in-process server speaking the source contract's content endpoint (Bearer token,
 * {@code GET /api/v1/attachments/{id}/content}); the loader under test, the broker, PostgreSQL and the Freshsales
 * sandbox are the real ones.
 */
class DocumentRestartIT {

    private static final int PATIENTS = 4;
    private static final int PER_PATIENT = 5;
    private static final String TOKEN = "dentes-it-token";

    private PackagedLoaderRig rig;
    private HttpServer dentes;
    private ExecutorService dentesThreads;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @AfterEach
    void stopEverything() {
        if (rig != null) {
            rig.close();
        }
        if (dentes != null) {
            dentes.stop(0);
            dentesThreads.shutdownNow();
        }
    }

    private void serve(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().replaceAll("^/api/v1/attachments/(.+)/content$", "$1");
        byte[] b = files.get(id);
        if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization")) || b == null) {
            ex.sendResponseHeaders(b == null ? 404 : 401, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("Content-Type", "image/png");
        ex.sendResponseHeaders(200, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            for (int i = 0; i < b.length; i += 16 * 1024) {
                out.write(b, i, Math.min(16 * 1024, b.length - i));
            }
        }
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aLoaderKilledWhileUploadingWithLostAnswersLeavesEveryDocumentOnceWithItsBytes() throws Exception {
        dentesThreads = Executors.newFixedThreadPool(4);
        dentes = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        dentes.createContext("/api/v1/attachments/", this::serve);
        dentes.setExecutor(dentesThreads);
        dentes.start();

        rig = PackagedLoaderRig.create("docrestart");
        SandboxAdmin admin = rig.admin;
        String schema = rig.schema;
        rig.props.put("ferry.loader.batch-linger", "PT0.3S");
        // Small batches: a batch records its results together at its end, so with small ones some documents are
        // recorded while others are still being uploaded, and the kill lands in the middle.
        rig.props.put("ferry.loader.batch-size", "3");
        rig.props.put("kafka.session.timeout.ms", "6000");
        rig.props.put("ferry.loader.dentes.base-url", "http://127.0.0.1:" + dentes.getAddress().getPort());
        rig.props.put("ferry.loader.dentes.token", TOKEN);
        String run = "run-doc-restart-" + rig.id;
        List<LoadCommand> patients = new ArrayList<>();
        List<LoadCommand> documents = new ArrayList<>();
        Map<String, String> patientOf = new HashMap<>();
        Random random = new Random(2026);
        for (int p = 1; p <= PATIENTS; p++) {
            String patient = "P-D" + p;
            patients.add(TestCommands.patient(run, patient, null, false));
            for (int i = 1; i <= PER_PATIENT; i++) {
                String id = "AT-D" + p + "-" + i;
                byte[] bytes = new byte[20_000 + random.nextInt(400_000)];
                random.nextBytes(bytes);
                files.put(id, bytes);
                patientOf.put(id, patient);
                documents.add(TestCommands.document(run, id, patient, bytes.length, sha(bytes)));
            }
        }
        try (TestKafka kafka = new TestKafka(FerryInfrastructure.kafkaBootstrapServers())) {
            rig.startLoader();
            kafka.send(rig.commands, patients);
            Map<String, Long> contactOf = new HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(rig.outcomes);
                for (LoadCommand c : patients) {
                    LoadOutcome created = by.getOrDefault(c.commandId(), List.of()).stream()
                            .filter(o -> o.kind() == OutcomeKind.CREATED).findFirst().orElse(null);
                    assertThat(created).as("patient %s", c.sourceId()).isNotNull();
                    contactOf.put(c.sourceId(), created.freshsalesId());
                }
            });
            // Slow answers keep uploads in flight; a fifth of them are lost after the sandbox stored the file.
            admin.configure("{\"faults\":{\"latencyMs\":120,\"dropResponseAfterCommitRate\":0.2,\"seed\":2026}}");
            kafka.send(rig.commands, documents);

            long inFlight = 0;
            for (int attempt = 1; attempt <= 5 && inFlight == 0; attempt++) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                        rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT' AND target ="
                                + " 'documents'") > 0 && admin.records("documents").size() > 2);
                rig.killLoader();
                inFlight = rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'");
                if (inFlight == 0) {
                    rig.startLoader();
                }
            }
            assertThat(inFlight).as("uploads were in flight when it died").isPositive();

            rig.startLoader();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, List<LoadOutcome>> by = kafka.outcomesByCommand(rig.outcomes);
                for (LoadCommand c : documents) {
                    assertThat(by.getOrDefault(c.commandId(), List.of())).as("outcomes of %s", c.sourceId())
                            .extracting(LoadOutcome::kind).contains(OutcomeKind.CREATED);
                }
            });
            assertThat(admin.summary().path("faults").path("dropped").asLong()).as("answers were lost").isPositive();
            Map<String, List<ObjectNode>> byName = new HashMap<>();
            for (ObjectNode d : admin.records("documents")) {
                byName.computeIfAbsent(d.path("name").asText(), k -> new ArrayList<>()).add(d);
            }
            for (LoadCommand c : documents) {
                String name = c.identifier().values().iterator().next();
                assertThat(byName.get(name)).as("documents named %s", name).hasSize(1);
                ObjectNode d = byName.get(name).get(0);
                byte[] bytes = files.get(c.sourceId());
                assertThat(d.path("content_sha256").asText()).as("bytes of %s", c.sourceId()).isEqualTo(sha(bytes));
                assertThat(d.path("content_file_size").asLong()).isEqualTo(bytes.length);
                assertThat(d.path("targetable_type").asText()).isEqualTo("Contact");
                assertThat(d.path("targetable_id").asLong()).as("parent of %s", c.sourceId())
                        .isEqualTo(contactOf.get(patientOf.get(c.sourceId())));
            }
            assertThat(byName).as("nothing but these documents was stored").hasSize(documents.size());
            assertThat(kafka.outcomes(rig.outcomes)).as("no command failed")
                    .noneMatch(o -> o.kind() == OutcomeKind.FAILED);
            assertThat(rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state = 'INTENT'")).isZero();
        } catch (AssertionError | RuntimeException e) {
            rig.printLogs();
            System.err.println("ledger: " + rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state ="
                    + " 'DONE'") + " done, " + rig.count("SELECT count(*) FROM " + schema + ".id_ledger WHERE state ="
                    + " 'FAILED'") + " failed; sandbox documents: " + admin.records("documents").size());
            throw e;
        }
    }
}
