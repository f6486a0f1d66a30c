package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.AuditLogUrl;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import dev.ferry.testsupport.TestKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10's marker-secret test: an integration's credentials never appear anywhere Ferry writes. A unique marker is
 * planted in a Dr.DENTES integration (its {@code credentials}, a header inside them, a top-level {@code headers} field,
 * a secret-named field and the user-info and query of its endpoint address); a whole migration runs; then every output
 * is searched for the marker: both rebuild documents in both formats, every record (key, value, headers) of every
 * Ferry topic, every log file of the stack but the Dr.DENTES sandbox's (the source, which holds the secret by
 * definition), every row of every table of the four services' schemas (the audit ledger among them), the audit log
 * export (writes and all, JSONL and CSV), and the Freshsales sandbox's state. One hit anywhere fails the test.
 *
 * <p>It also shows the integration did go through (its entry is in the document, without the secret) and that a
 * workflow named with markup stays text in the HTML document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkerSecretIT {

    /** The Dr.DENTES sandbox's default access token (dentes-sim.tokens), which the extractor uses too. */
    private static final String DENTES_SANDBOX_TOKEN = "dentes-sandbox-token";

    private final String marker = "FERRY-MARKER-" + UUID.randomUUID();
    private E2eStack e2e;
    private String runId;
    private Path out;

    @BeforeAll
    void migrateAPracticeWithAPlantedSecret() throws Exception {
        e2e = E2eStack.start("marker-secret", 20, 23, E2eStack.freshsalesSettings(), Map.of());
        out = e2e.workDir().resolve("outputs");
        ObjectNode integration = (ObjectNode) FerryJson.mapper().readTree("""
                {"id": "INT-900", "name": "Dijital Lab Portalı (marker)", "kind": "LAB_PORTAL",
                 "endpoint_url": "https://klinik:%1$s@portal.example.com.tr/api/v2?access_token=%1$s#%1$s",
                 "auth_type": "OAUTH2",
                 "credentials": {"client_id": "cli_ferry", "client_secret": "%1$s", "refresh_token": "%1$s",
                                 "headers": {"Authorization": "Bearer %1$s"}},
                 "headers": {"X-Api-Key": "%1$s"}, "api_token": "%1$s",
                 "data_format": "JSON", "active": true, "turkish_compliance": false}""".formatted(marker));
        ObjectNode workflow = (ObjectNode) FerryJson.mapper().readTree("""
                {"id": "WF-900", "name": "<script>alert('wf')</script> hatırlatma", "active": true,
                 "trigger": {"event": "APPOINTMENT_SCHEDULED", "conditions": ["appointment.type != EMERGENCY"]},
                 "schedule": {"interval": 1, "unit": "DAYS"},
                 "actions": [{"channel": "SMS", "template": "randevu_hatirlatma", "offset": "-P1D"},
                             {"channel": "WHATSAPP", "template": "randevu_wp", "offset": "-PT3H"}]}""");
        ObjectNode upsert = FerryJson.mapper().createObjectNode();
        upsert.putObject("upsert").putArray("integrations").add(integration);
        upsert.with("upsert").putArray("workflows").add(workflow);
        JsonNode done = e2e.driver.mutateDentes(upsert);
        assertThat(done.path("upserted").path("integrations").toString()).contains("INT-900");
        JsonNode served = new JsonHttp().get(e2e.stack.baseUrl(Component.DENTES_SIM) + "/api/v1/integrations/INT-900",
                "Bearer " + DENTES_SANDBOX_TOKEN).path("data");
        assertThat(served.toString()).as("the sandbox serves the planted secret (else the test proves nothing)")
                .contains(marker);
        e2e.dataset.change("integrations", served);
        e2e.dataset.change("workflows", workflow);

        long started = System.nanoTime();
        runId = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        MigrationInvariant.Result result = MigrationInvariant.check("marker-secret", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), runId, Duration.ofMinutes(3), started);
        assertThat(result.holds()).as(result.describe()).isTrue();

        for (String document : MigrationDriver.REBUILD_DOCUMENTS) {
            for (String format : MigrationDriver.REBUILD_FORMATS) {
                e2e.driver.downloadRebuildDocument(runId, document, format, out.resolve(document + "." + format));
            }
        }
        JsonHttp auditor = new JsonHttp(e2e.stack.auth().cliToken());
        for (String include : List.of("writes", "all")) {
            for (String format : List.of("jsonl", "csv")) {
                auditor.download(AuditLogUrl.of(e2e.stack.baseUrl(Component.AUDIT), runId, format, include),
                        out.resolve("audit-log-" + include + "." + format));
            }
        }
        e2e.driver.downloadFreshsalesState(out.resolve("freshsales-state.json"));
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    void theDocumentsHoldTheIntegrationAndTheWorkflowButNotTheSecret() throws IOException {
        String md = Files.readString(out.resolve("integrations.md"));
        String html = Files.readString(out.resolve("integrations.html"));
        for (String doc : List.of(md, html)) {
            assertThat(doc).contains("INT-900", "Dijital Lab Portalı (marker)", "https://portal.example.com.tr/api/v2",
                    "OAUTH2", "JSON", "Not copied").doesNotContain(marker);
        }
        // The generated practice's e-Nabız and MEDULA integrations, when Dr.DENTES has not deleted them: not portable.
        long compliance = e2e.dataset.records("integrations").values().stream()
                .filter(i -> !i.path("deleted").asBoolean(false))
                .filter(i -> List.of("E_NABIZ", "MEDULA").contains(i.path("kind").asText())).count();
        assertThat(html.split("yes: not portable", -1).length - 1).isEqualTo(compliance);
        String workflows = Files.readString(out.resolve("workflows.html"));
        assertThat(workflows).contains("WF-900", "&lt;script&gt;alert(&#39;wf&#39;)&lt;/script&gt; hatırlatma",
                "1 day before the trigger", "Marketplace").doesNotContain("<script");
        assertThat(Files.readString(out.resolve("workflows.md"))).contains("WF-900", "&lt;script&gt;")
                .doesNotContain("<script");
    }

    @Test
    void noFileTheRunWroteHoldsTheMarker() throws IOException {
        List<String> hits = new ArrayList<>();
        List<Path> searched = new ArrayList<>();
        try (Stream<Path> files = Files.walk(e2e.workDir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                // The source's own files: the generated dataset and the Dr.DENTES sandbox's log hold the secret.
                if (f.startsWith(e2e.dataset.folder) || name.startsWith("dentes-sim")) {
                    continue;
                }
                searched.add(f);
                if (new String(Files.readAllBytes(f), StandardCharsets.UTF_8).contains(marker)) {
                    hits.add(e2e.workDir().relativize(f).toString());
                }
            }
        }
        assertThat(searched.stream().map(p -> p.getFileName().toString()))
                .as("the service logs and every output were searched")
                .contains("extractor-service.log", "mapper-service.log", "loader-service.log", "audit-service.log",
                        "workflows.md", "workflows.html", "integrations.md", "integrations.html",
                        "audit-log-all.jsonl", "audit-log-all.csv", "freshsales-state.json");
        assertThat(hits).as("files holding the marker").isEmpty();
    }

    @Test
    void noKafkaRecordHoldsTheMarker() {
        List<String> hits = new ArrayList<>();
        int records = 0;
        try (TestKafka kafka = e2e.kafka()) {
            for (String topic : Topics.all()) {
                for (ConsumerRecord<String, byte[]> r : kafka.readAll(topic)) {
                    records++;
                    StringBuilder text = new StringBuilder(String.valueOf(r.key()));
                    if (r.value() != null) {
                        text.append(new String(r.value(), StandardCharsets.UTF_8));
                    }
                    for (Header h : r.headers()) {
                        text.append(h.key()).append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    if (text.toString().contains(marker)) {
                        hits.add(topic + "@" + r.partition() + "/" + r.offset());
                    }
                }
            }
            assertThat(kafka.readAll(Topics.RAW_PREFIX + "integrations").stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)))
                    .as("the planted integration was published, without its secrets").anyMatch(v -> v.contains("INT-900"));
        }
        assertThat(records).isPositive();
        assertThat(hits).as("Kafka records holding the marker").isEmpty();
    }

    @Test
    void noRowOfAnyServiceSchemaHoldsTheMarker() throws Exception {
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        List<String> hits = new ArrayList<>();
        int tables = 0;
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
            for (String schema : e2e.serviceSchemas()) {
                List<String> names = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                                + " AND table_type = 'BASE TABLE'")) {
                    ps.setString(1, schema);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                    }
                }
                for (String table : names) {
                    tables++;
                    String sql = "SELECT count(*) FROM \"" + schema + "\".\"" + table + "\" t WHERE t::text LIKE ?";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, "%" + marker + "%");
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getLong(1) > 0) {
                                hits.add(schema + "." + table + ": " + rs.getLong(1) + " rows");
                            }
                        }
                    }
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM \""
                    + e2e.serviceSchemas().stream().filter(x -> x.endsWith("audit")).findFirst().orElseThrow()
                    + "\".outcome WHERE kind = 'DOCUMENTED' AND source_id = 'INT-900'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the ledger holds the integration's DOCUMENTED outcome").isPositive();
            }
        }
        assertThat(tables).isGreaterThan(4);
        assertThat(hits).as("tables holding the marker").isEmpty();
    }
}
