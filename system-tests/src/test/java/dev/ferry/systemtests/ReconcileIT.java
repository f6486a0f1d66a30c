package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.ReconcileCommand;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * Issue 12's "reconciliation finds a planted orphan, a planted field change and a planted surplus record", end to end
 * on the packaged services: a small practice is migrated to balanced and {@code ferry reconcile} (the CLI, through the
 * audit, which asks the loader to read Freshsales back) finds nothing; then, through the Freshsales sandbox's own API
 * as a person would, one deal loses the contact Ferry linked it to, one migrated contact's last name is changed, and a
 * contact carrying a Dr.DENTES id Ferry never wrote is created. The next reconcile finds exactly those three, each
 * named, and no patient value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileIT {

    /** The Freshsales sandbox's API key (freshsales-sim.api-keys), which the loader uses too. */
    private static final String FRESHSALES_KEY = "ferry-sandbox-key";
    /** What the person types: not a patient value, so no report may show it either. */
    private static final String DRIFT_VALUE = "Edited-By-Hand";
    /** A Dr.DENTES id Ferry never wrote. */
    private static final String SURPLUS_ID = "P-PLANTED-SURPLUS";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private E2eStack e2e;
    private String runId;
    private Path tokenFile;
    private long records;

    @BeforeAll
    void migrate() throws Exception {
        e2e = E2eStack.start("reconcile", 15, 43, E2eStack.freshsalesSettings(), Map.of());
        tokenFile = e2e.workDir().resolve("cli.token");
        Files.writeString(tokenFile, e2e.stack.auth().cliToken());
        long started = System.nanoTime();
        runId = e2e.driver.startFullRun(MigrationDriver.RESOURCES);
        MigrationInvariant.Result result = MigrationInvariant.check("reconcile", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), runId, Duration.ofMinutes(2), started);
        assertThat(result.holds()).as(result.describe()).isTrue();
        System.out.printf("ReconcileIT: run %s balanced in %.1f s%n", runId, (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    @Test
    @Order(1)
    void aFreshlyMigratedRunReconcilesCleanOnListViewsNotOneCallPerRecord() throws IOException {
        Path out = e2e.workDir().resolve("reconcile-clean");
        assertThat(reconcile(out)).as("ferry reconcile's exit code").isEqualTo(ReconcileCommand.CLEAN);
        JsonNode report = FerryJson.mapper().readTree(out.resolve("reconcile.json").toFile());
        JsonNode target = report.path("target");
        System.out.printf("ReconcileIT: clean reconcile: %d records, %d compared, %d calls; %s%n",
                target.path("records").asLong(), target.path("checked").asLong(), target.path("calls").asLong(),
                target.path("targets"));
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("counts").path("balanced").asBoolean()).isTrue();
        assertThat(report.path("ids").size()).isZero();
        assertThat(target.path("findings").size()).as(target.path("findings").toString()).isZero();
        records = target.path("records").asLong();
        assertThat(records).isPositive();
        // Read back as cheaply as the API allows: listings of 100, notes per parent; far fewer calls than records.
        assertThat(target.path("calls").asLong()).isPositive().isLessThan(records / 2);
        for (JsonNode t : target.path("targets")) {
            if (List.of("contacts", "sales_accounts", "deals").contains(t.path("target").asText())) {
                assertThat(t.path("readBy").asText()).as(t.toString()).isEqualTo("view");
            }
        }
        assertThat(Files.readString(out.resolve("reconcile.md"))).contains("# Reconciliation of run " + runId);
    }

    @Test
    @Order(2)
    void aPlantedOrphanFieldChangeAndSurplusRecordAreFoundExactlyAndNamed() throws Exception {
        JsonNode state = e2e.driver.freshsalesState();
        JsonNode deal = first(state.path("deals"), d -> d.path("contact_ids").size() == 1
                && d.path("custom_field").hasNonNull("cf_dentes_id"));
        long orphanDeal = deal.path("id").asLong();
        long dealContact = deal.path("contact_ids").get(0).asLong();
        JsonNode contact = first(state.path("contacts"), c -> c.path("custom_field").hasNonNull("cf_dentes_id")
                && c.path("id").asLong() != dealContact);
        long driftedContact = contact.path("id").asLong();
        String driftedPatient = contact.path("custom_field").path("cf_dentes_id").asText();

        ObjectNode unlink = FerryJson.mapper().createObjectNode();
        unlink.putArray("contacts_removed_list").add(dealContact);
        send("PUT", "/deals/" + orphanDeal, "deal", unlink);
        send("PUT", "/contacts/" + driftedContact, "contact",
                FerryJson.mapper().createObjectNode().put("last_name", DRIFT_VALUE));
        ObjectNode stranger = FerryJson.mapper().createObjectNode().put("first_name", "Not")
                .put("last_name", "From Ferry").put("email", "not.from.ferry@planted.test");
        stranger.putObject("custom_field").put("cf_dentes_id", SURPLUS_ID);
        long surplus = send("POST", "/contacts", "contact", stranger).path("contact").path("id").asLong();

        Path out = e2e.workDir().resolve("reconcile-planted");
        assertThat(reconcile(out)).as("ferry reconcile's exit code").isEqualTo(ReconcileCommand.FINDINGS);
        String json = Files.readString(out.resolve("reconcile.json"));
        JsonNode report = FerryJson.mapper().readTree(json);
        System.out.printf("ReconcileIT: planted reconcile: %s%n", report.path("target").path("findings"));
        assertThat(report.path("clean").asBoolean()).isFalse();
        // The ledger's layers did not move: the plants are in Freshsales only.
        assertThat(report.path("counts").path("balanced").asBoolean()).isTrue();
        assertThat(report.path("findings").asLong()).isEqualTo(3);
        List<String> found = new ArrayList<>();
        for (JsonNode f : report.path("target").path("findings")) {
            found.add(f.path("kind").asText() + " " + f.path("target").asText() + " " + f.path("freshsalesId").asLong()
                    + " " + f.path("fields"));
        }
        assertThat(found).containsExactlyInAnyOrder(
                "DRIFT contacts " + driftedContact + " [\"last_name\"]",
                "ORPHAN deals " + orphanDeal + " []",
                "SURPLUS contacts " + surplus + " []");
        JsonNode findings = report.path("target").path("findings");
        for (JsonNode f : findings) {
            switch (f.path("kind").asText()) {
                case "DRIFT" -> assertThat(f.path("record").asText()).isEqualTo("patients/" + driftedPatient);
                case "ORPHAN" -> {
                    assertThat(f.path("record").asText()).startsWith("treatment-cases/");
                    assertThat(f.path("detail").asText()).contains("contact " + dealContact);
                }
                default -> {
                    assertThat(f.path("dentesId").asText()).isEqualTo(SURPLUS_ID);
                    assertThat(f.hasNonNull("record")).as("a surplus record stands for no source record").isFalse();
                }
            }
            assertThat(f.path("values").size()).as("values for a service token").isZero();
        }
        String md = Files.readString(out.resolve("reconcile.md"));
        assertThat(md).contains("| DRIFT | contacts | " + driftedContact + " | patients/" + driftedPatient)
                .contains("| ORPHAN | deals | " + orphanDeal).contains("| SURPLUS | contacts | " + surplus);
        assertThat(json + md).doesNotContain(DRIFT_VALUE);
        assertThat(patientValuesIn(json + md)).as("patient values in the reports").isEmpty();
    }

    /** {@code ferry reconcile --run ID --out DIR --url AUDIT --token-file F}, in this JVM: its exit code. */
    private int reconcile(Path out) {
        // The command prints its summary, and any error, to this JVM's standard output and error (the test log).
        return new CommandLine(new ReconcileCommand()).execute("--run", runId, "--out", out.toString(), "--url",
                e2e.stack.baseUrl(Component.AUDIT), "--token-file", tokenFile.toString());
    }

    private static JsonNode first(JsonNode records, java.util.function.Predicate<JsonNode> wanted) {
        for (JsonNode r : records) {
            if (!r.path("is_deleted").asBoolean(false) && wanted.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no such record in the sandbox");
    }

    /** The dataset's patient values (names, birth dates, national ids, e-mails, phones) found as words in a text. */
    private List<String> patientValuesIn(String text) {
        List<String> hits = new ArrayList<>();
        for (JsonNode p : e2e.dataset.records("patients").values()) {
            for (String f : List.of("first_name", "last_name", "date_of_birth", "national_id", "email", "mobile_phone",
                    "home_phone")) {
                String v = p.path(f).asText("");
                if (v.length() > 2 && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{N}])")
                        .matcher(text).find()) {
                    hits.add(f);
                }
            }
        }
        return hits;
    }

    /** A change made through the sandbox's own API, as a person would (not Ferry). */
    private JsonNode send(String method, String path, String root, ObjectNode fields)
            throws IOException, InterruptedException {
        ObjectNode body = FerryJson.mapper().createObjectNode();
        body.set(root, fields);
        HttpRequest request = HttpRequest.newBuilder(URI.create(e2e.stack.baseUrl(Component.FRESHSALES_SIM)
                        + "/crm/sales/api" + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json").header("Authorization", "Token token=" + FRESHSALES_KEY)
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 299);
        return FerryJson.mapper().readTree(response.body());
    }
}
