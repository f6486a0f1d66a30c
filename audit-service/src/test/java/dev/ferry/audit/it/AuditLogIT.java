package dev.ferry.audit.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ferry.audit.service.AuditLogEntry;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import dev.ferry.testsupport.TestKafka;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log (issue 12) on the real broker and PostgreSQL: outcomes in, log entries out, in time order whatever the
 * arrival order; a redelivered outcome is one entry; the field names an update changed are there and the values
 * (the before-image the loader sends) never; JSONL and CSV say the same; a large run's log is streamed in order;
 * the practice-wide log walks the runs in the order the audit first heard of them.
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "audit"))
@QuarkusTestResource(value = AuditChannelsResource.class, restrictToAnnotatedClass = true)
class AuditLogIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A value an update overwrote: in the outcome's before-image, never in the log. */
    private static final String VALUE = "+90 532 111 22 33 Zeynep-Secret";
    private static final String ODD_ID = "P,\"8\"\nŞükrü-😀";

    @Inject
    AuditItConfig config;

    private TestKafka kafka;
    private LedgerDb db;
    private final Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void clients() {
        kafka = new TestKafka();
        db = new LedgerDb(config.schema);
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private static LoadOutcome outcome(String run, SourceResource resource, String sourceId, OutcomeKind kind,
            int attempt, Instant at) {
        return Outcomes.of(run, resource, sourceId, kind, attempt, at);
    }

    private static LoadOutcome updated(String run, String sourceId, Instant at) {
        var before = FerryJson.mapper().createObjectNode().put("mobile_number", VALUE)
                .put("cf_treatment_type", "implant");
        return new LoadOutcome(Outcomes.commandId(run, SourceResource.PATIENTS, sourceId), run,
                SourceResource.PATIENTS, sourceId, 0, FreshsalesTarget.CONTACT, OutcomeKind.UPDATED, 7002L,
                List.of("mobile_number", "cf_treatment_type"), before, null, null, null, 1, at);
    }

    private static LoadOutcome rollback(String run, String sourceId, OutcomeKind kind, Instant at) {
        return new LoadOutcome(CommandIds.of(run, SourceResource.PATIENTS, sourceId, 0, kind.name()), run,
                SourceResource.PATIENTS, sourceId, 0, FreshsalesTarget.CONTACT, kind, 7000L + sourceId.length(),
                kind == OutcomeKind.RESTORED ? List.of("email") : null, null, null, null, null, 0, at);
    }

    /** One run with every kind: 6 writes (create x2, update, link, delete, restore), 3 non-writes, 2 deferrals. */
    private List<LoadOutcome> scenario(String run) {
        SourceResource pa = SourceResource.PATIENTS;
        return List.of(
                outcome(run, SourceResource.PRACTITIONERS, "PR-1", OutcomeKind.LINKED, 0, t0.plusSeconds(1)),
                outcome(run, pa, "P-1", OutcomeKind.DEFERRED, 0, t0.plusSeconds(2)),
                outcome(run, pa, "P-1", OutcomeKind.CREATED, 1, t0.plusSeconds(3)),
                updated(run, "P-2", t0.plusSeconds(4)),
                outcome(run, pa, "P-3", OutcomeKind.UNCHANGED, 1, t0.plusSeconds(5)),
                Outcomes.rejected(run, pa, "P-4", "email.invalid", "email", "the e-mail address is not valid",
                        t0.plusSeconds(6)),
                outcome(run, pa, "P-5", OutcomeKind.DEFERRED, 0, t0.plusSeconds(7)),
                Outcomes.failed(run, pa, "P-5", 3, 400, List.of("Mobile number is invalid"), t0.plusSeconds(8)),
                rollback(run, "P-6", OutcomeKind.DELETED, t0.plusSeconds(9)),
                rollback(run, "P-7", OutcomeKind.RESTORED, t0.plusSeconds(10)),
                outcome(run, pa, ODD_ID, OutcomeKind.CREATED, 1, t0.plusSeconds(11)));
    }

    private void send(List<LoadOutcome> outcomes) {
        outcomes.forEach(o -> kafka.sendJson(config.outcomesTopic, o.sourceId(), o));
    }

    private static Response get(String path, Object... params) {
        return given().get(path, params).then().statusCode(200).extract().response();
    }

    private static List<JsonNode> jsonl(String body) {
        return body.lines().map(l -> {
            try {
                return FerryJson.mapper().readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + l.length() + " chars", e);
            }
        }).toList();
    }

    private static List<String> ops(List<JsonNode> lines) {
        return lines.stream().map(l -> l.get("operation").asText() + " " + l.get("sourceId").asText()).toList();
    }

    @Test
    void outcomesInGiveOneEntryPerOperationInTimeOrderWithFieldNamesAndNoValues() throws IOException {
        String run = "run-audit-log";
        List<LoadOutcome> outcomes = new ArrayList<>(scenario(run));
        // Arrival order is not time order, and one outcome is redelivered straight away.
        Collections.shuffle(outcomes, new Random(12));
        outcomes.add(3, updated(run, "P-2", t0.plusSeconds(4)));
        send(outcomes);

        List<String> writes = List.of("link PR-1", "create P-1", "update P-2", "delete P-6", "restore P-7",
                "create " + ODD_ID);
        await().atMost(WAIT).untilAsserted(() -> assertThat(ops(jsonl(get("/runs/{id}/audit-log", run).asString())))
                .containsExactlyElementsOf(writes));
        Response jsonlAnswer = get("/runs/{id}/audit-log?format=jsonl", run);
        assertThat(jsonlAnswer.contentType()).startsWith("application/jsonl");
        assertThat(jsonlAnswer.header("Content-Disposition")).isEqualTo("attachment; filename=\"audit-log-" + run
                + ".jsonl\"");
        String body = jsonlAnswer.asString();
        List<JsonNode> lines = jsonl(body);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("runId").asText()).isEqualTo(run);
            assertThat(l.get("wrote").asBoolean()).isTrue();
        });
        JsonNode update = lines.get(2);
        assertThat(update.get("changedFields").toString()).isEqualTo("[\"mobile_number\",\"cf_treatment_type\"]");
        assertThat(update.get("freshsalesId").asLong()).isEqualTo(7002L);
        assertThat(update.get("target").asText()).isEqualTo("contacts");
        assertThat(update.get("resource").asText()).isEqualTo("patients");
        assertThat(update.get("occurredAt").asText()).isEqualTo(t0.plusSeconds(4).toString());
        assertThat(update.get("commandId").asText()).isEqualTo(Outcomes.commandId(run, SourceResource.PATIENTS, "P-2"));
        assertThat(lines.get(4).get("changedFields").toString()).isEqualTo("[\"email\"]");
        // The before-image went to the ledger's consumer; no value of it reaches the log.
        assertThat(body).doesNotContain("Zeynep").doesNotContain("532").doesNotContain("implant");
        assertThat(outcomeRows(run)).isEqualTo(11); // the redelivered update was stored once

        // include=all: unchanged, rejected, failed too (wrote=false), never a DEFERRED.
        List<JsonNode> all = jsonl(get("/runs/{id}/audit-log?include=all", run).asString());
        assertThat(ops(all)).containsExactly("link PR-1", "create P-1", "update P-2", "unchanged P-3",
                "rejected P-4", "failed P-5", "delete P-6", "restore P-7", "create " + ODD_ID);
        assertThat(all.get(4).get("rule").asText()).isEqualTo("email.invalid");
        assertThat(all.get(4).get("field").asText()).isEqualTo("email");
        assertThat(all.get(4).get("wrote").asBoolean()).isFalse();
        assertThat(all.get(5).get("httpStatus").asInt()).isEqualTo(400);
        assertThat(all.get(5).get("attempt").asInt()).isEqualTo(3);
        assertThat(all.toString()).doesNotContain("Mobile number is invalid").doesNotContain("not valid");

        // CSV says the same, the odd id survives its quoting.
        Response csvAnswer = get("/runs/{id}/audit-log?format=csv&include=all", run);
        assertThat(csvAnswer.contentType()).startsWith("text/csv");
        List<List<String>> rows = csv(csvAnswer.asString());
        assertThat(rows.get(0)).containsExactlyElementsOf(AuditLogEntry.COLUMNS);
        int op = AuditLogEntry.COLUMNS.indexOf("operation");
        int id = AuditLogEntry.COLUMNS.indexOf("sourceId");
        int fields = AuditLogEntry.COLUMNS.indexOf("changedFields");
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(op) + " " + r.get(id)).toList())
                .containsExactlyElementsOf(ops(all));
        assertThat(rows.get(3).get(fields)).isEqualTo("mobile_number;cf_treatment_type");
        assertThat(csvAnswer.asString()).doesNotContain("Zeynep");

        // Everything delivered again (shuffled): the same log, byte for byte.
        String before = get("/runs/{id}/audit-log?format=csv&include=all", run).asString();
        List<LoadOutcome> again = new ArrayList<>(scenario(run));
        Collections.shuffle(again, new Random(99));
        send(again);
        await().atMost(WAIT).until(() -> kafka.caughtUp(config.outcomesGroup, config.outcomesTopic));
        assertThat(get("/runs/{id}/audit-log?format=csv&include=all", run).asString()).isEqualTo(before);
        assertThat(outcomeRows(run)).isEqualTo(11);

        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItems("/runs/{runId}/audit-log", "/audit-log"));

        // Refusals before any byte: unknown run, format, include.
        given().get("/runs/{id}/audit-log", "no-such-run").then().statusCode(404);
        given().get("/runs/{id}/audit-log?format=xml", run).then().statusCode(400);
        given().get("/runs/{id}/audit-log?include=some", run).then().statusCode(400);
        given().get("/audit-log?format=xml").then().statusCode(400);
    }

    @Test
    void aLargeRunStreamsInTimeOrderAndThePracticeLogWalksTheRunsInTurn() throws IOException {
        String first = "run-audit-log-a-first";
        String big = "run-audit-log-b-big";
        send(List.of(outcome(first, SourceResource.CLINICS, "C-1", OutcomeKind.CREATED, 1, t0.plusSeconds(500))));
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/{id}", first).then().statusCode(200));

        int n = 2500;
        List<LoadOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Sent newest first: the log must come out oldest first. Times far apart from the first run's.
            outcomes.add(outcome(big, SourceResource.PATIENTS, String.format("P-%05d", n - 1 - i), OutcomeKind.CREATED,
                    1, t0.minusSeconds(100_000).plusMillis(10L * (n - 1 - i))));
        }
        send(outcomes);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/runs/{id}/audit-log", big).asString().lines())
                .hasSize(n));

        Response answer = get("/runs/{id}/audit-log", big);
        // Streamed: sent in chunks as it is read, not buffered whole to announce a length.
        assertThat(answer.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(answer.header("Content-Length")).isNull();
        List<JsonNode> lines = jsonl(answer.asString());
        List<String> ids = lines.stream().map(l -> l.get("sourceId").asText()).toList();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertThat(ids).containsExactlyElementsOf(sorted).doesNotHaveDuplicates().hasSize(n);
        List<Instant> times = lines.stream().map(l -> Instant.parse(l.get("occurredAt").asText())).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isAfter(times.get(i - 1));
        }

        // Practice-wide: the first run's entry before the big run's, though its time is later; every entry once.
        List<JsonNode> practice = jsonl(get("/audit-log").asString());
        List<String> runs = practice.stream().map(l -> l.get("runId").asText()).toList();
        assertThat(runs.indexOf(first)).isLessThan(runs.indexOf(big));
        assertThat(runs.lastIndexOf(first)).isLessThan(runs.indexOf(big));
        assertThat(runs.stream().filter(big::equals).count()).isEqualTo(n);
        List<List<String>> practiceCsv = csv(get("/audit-log?format=csv").asString());
        assertThat(practiceCsv.get(0)).containsExactlyElementsOf(AuditLogEntry.COLUMNS);
        assertThat(practiceCsv).hasSize(practice.size() + 1);
    }

    private long outcomeRows(String run) {
        return db.queryLong("SELECT count(*) FROM " + config.schema + ".outcome WHERE run_id = '" + run + "'");
    }

    private static List<List<String>> csv(String text) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    /** Issue 10: a DOCUMENTED outcome's entry is stored with it and served in its rebuild document, once, escaped. */
    @Test
    void aDocumentedWorkflowIsServedInItsRebuildDocumentOnceAndEscaped() {
        String run = "run-rebuild-documents";
        var entry = FerryJson.mapper().createObjectNode().put("document", "workflows").put("id", "WF-1")
                .put("name", "<script>alert(1)</script> hatırlatma").put("trigger", "PATIENT_CREATED");
        LoadOutcome documented = new LoadOutcome(CommandIds.of(run, SourceResource.WORKFLOWS, "WF-1", 0, "DOCUMENT"),
                run, SourceResource.WORKFLOWS, "WF-1", 0, FreshsalesTarget.REBUILD_DOCUMENT, OutcomeKind.DOCUMENTED,
                null, null, null, null, null, "documented", 0, t0, entry);
        send(List.of(documented, documented));

        await().atMost(WAIT).untilAsserted(() -> assertThat(get("/runs/{run}/rebuild/workflows.md", run).asString())
                .contains("WF-1", "&lt;script&gt;alert(1)&lt;/script&gt; hatırlatma", "PATIENT\\_CREATED"));
        Response html = get("/runs/{run}/rebuild/workflows.html", run);
        assertThat(html.asString()).contains("&lt;script&gt;alert(1)&lt;/script&gt; hatırlatma", "1 workflow ")
                .doesNotContain("<script");
        assertThat(html.asString().split("<section>", -1)).as("a redelivered outcome is one entry").hasSize(2);
        assertThat(html.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(get("/runs/{run}/rebuild/integrations.md", run).asString()).contains("0 integrations");
        assertThat(get("/runs/{run}/audit-log?include=all", run).asString()).contains("\"documented\"");
        given().get("/runs/{run}/rebuild/playbooks.md", run).then().statusCode(404);
        given().get("/runs/no-such-run/rebuild/workflows.html").then().statusCode(404);
    }
}
