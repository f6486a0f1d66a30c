package dev.ferry.extractor.it;

import static dev.ferry.testsupport.security.TestTokens.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.testsupport.FerryKafkaResource;
import dev.ferry.testsupport.FerryPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Discovery against the real Dr.DENTES sandbox serving a practice the generator made (600 patients, seed 42): every
 * finding whose rule a generator trap stands for equals what the practice's trap manifest ({@code manifest.json},
 * {@code traps}) lists, restricted to live records; every rule no trap feeds finds nothing; the counts equal the
 * dataset's; owner matching lists exactly the practitioners the test left without a user; nothing was written (the
 * discovery reads through the extractor's own client, list GETs only).
 */
@QuarkusTest
@QuarkusTestResource(value = FerryKafkaResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "topics", value = "migration.runs"))
@QuarkusTestResource(value = FerryPostgresResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "schema", value = "extractor"))
@QuarkusTestResource(value = DentesSandboxResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "patients", value = "600"))
class DiscoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DATASET = Path.of("").toAbsolutePath().resolve("target/dentes-practices/generated-600-42");

    /** Trap → the finding (rule, resource, field) it must equal. */
    private static final Map<String, List<String>> TRAP_RULES = Map.ofEntries(
            Map.entry("INVALID_EMAIL", List.of("email.invalid", "patients", "email")),
            Map.entry("NO_CONTACT_CHANNEL", List.of("patient.no-contact-channel", "patients", "email,mobile_phone")),
            Map.entry("DANGLING_PATIENT_CLINIC", List.of("reference.dangling", "patients", "clinic_id")),
            Map.entry("DANGLING_PATIENT_PRACTITIONER",
                    List.of("reference.dangling", "patients", "primary_practitioner_id")),
            Map.entry("NOTE_OVER_32KB", List.of("note.over-limit", "clinical-notes", "body")),
            Map.entry("APPOINTMENT_NONPOSITIVE_DURATION",
                    List.of("appointment.nonpositive-duration", "appointments", "duration_minutes")),
            Map.entry("CUSTOM_FIELD_TYPE_MISMATCH", List.of("module.value-type", "custom-module-records", "values")),
            Map.entry("AI_RADIOGRAPH_SETTINGS", List.of("module.value-undeclared", "custom-module-records", "values")),
            Map.entry("BILLING_COMMA_DECIMAL",
                    List.of("amount.not-decimal", "billing-records", "total_amount,paid_amount,outstanding_balance")),
            Map.entry("BILLING_WITHOUT_CASE", List.of("billing.without-case", "billing-records", "treatment_case_id")),
            Map.entry("BILLING_COVERAGE_OVER_100",
                    List.of("billing.coverage-over-100", "billing-records", "coverage_percent")),
            Map.entry("BILLING_CREDIT_BALANCE",
                    List.of("billing.credit-balance", "billing-records", "outstanding_balance")));

    @Test
    void everyFindingEqualsWhatTheTrapManifestPlanted() throws Exception {
        DentesSandbox sandbox = DentesSandboxResource.sandbox();
        JsonNode manifest = JSON.readTree(DATASET.resolve("manifest.json").toFile());
        Map<String, ObjectNode> practitioners = readJsonl("practitioners.jsonl");
        Map<String, ObjectNode> patients = readJsonl("patients.jsonl");

        // Freshsales users for every live practitioner with an e-mail except every third one.
        List<Map<String, Object>> users = new ArrayList<>();
        Set<String> expectedUnmatched = new HashSet<>();
        int n = 0;
        for (ObjectNode p : practitioners.values()) {
            if (p.path("deleted").asBoolean(false)) {
                continue;
            }
            String email = p.path("email").isTextual() ? p.path("email").asText() : null;
            if (email == null || n++ % 3 == 0) {
                expectedUnmatched.add(p.path("id").asText() + (email == null ? " NO_EMAIL" : " NO_USER"));
            } else {
                users.add(Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "displayName", "x",
                        "active", true));
            }
        }
        long patientPagesBefore = sandbox.requests("patients", 200);

        String id = given().contentType(ContentType.JSON).body(Map.of("targetUsers", users))
                .post("/discoveries").then().statusCode(202).extract().path("discoveryId");
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> !given()
                .get("/discoveries/" + id).then().statusCode(200).extract().path("state").equals("RUNNING"));
        JsonNode view = JSON.readTree(given().get("/discoveries/" + id).then().statusCode(200).extract().asString());
        assertThat(view.path("state").asText()).as(view.path("failureReason").asText()).isEqualTo("COMPLETED");
        JsonNode report = view.path("report");

        // Every page of patients read once (pages of 200), through the extractor's client.
        assertThat(sandbox.requests("patients", 200) - patientPagesBefore).isEqualTo((patients.size() + 199) / 200);

        // Counts per resource: live and deleted, as the dataset files hold them.
        for (String resource : List.of("practitioners", "clinics", "patients", "treatment-cases", "appointments",
                "clinical-notes", "recalls", "billing-records", "products", "custom-modules", "attachments",
                "workflows", "integrations")) {
            Map<String, ObjectNode> records = readJsonl(resource + ".jsonl");
            long deleted = records.values().stream().filter(DiscoveryIT::deleted).count();
            JsonNode c = find(report.path("resources"), r -> r.path("resource").asText().equals(resource));
            assertThat(c.path("live").asLong()).as(resource + " live").isEqualTo(records.size() - deleted);
            assertThat(c.path("deleted").asLong()).as(resource + " deleted").isEqualTo(deleted);
        }
        Map<String, Set<String>> liveModuleRecords = new TreeMap<>();
        for (JsonNode def : readJsonl("custom-modules.jsonl").values()) {
            String key = def.path("key").asText();
            Map<String, ObjectNode> records = readJsonl("custom-modules." + key + ".records.jsonl");
            liveModuleRecords.put(key, records.values().stream().filter(r -> !deleted(r))
                    .map(r -> key + "/" + r.path("id").asText()).collect(Collectors.toSet()));
            JsonNode m = find(report.path("customModules"), x -> x.path("key").asText().equals(key));
            assertThat(m.path("liveRecords").asLong()).as(key).isEqualTo(liveModuleRecords.get(key).size());
            assertThat(m.path("fields").size()).isEqualTo(def.path("fields").size());
        }

        // Trap manifest → expected ids per finding, live records only.
        Set<String> livePatients = patients.values().stream().filter(p -> !deleted(p))
                .map(p -> p.path("id").asText()).collect(Collectors.toSet());
        Predicate<JsonNode> live = e -> {
            String resource = e.path("resource").asText();
            String rid = e.path("id").asText();
            if (resource.startsWith("custom-modules/")) {
                String key = resource.split("/")[1];
                return liveModuleRecords.get(key).contains(key + "/" + rid);
            }
            ObjectNode record = readJsonlCached(resource).get(rid);
            assertThat(record).as(resource + " " + rid + " in the dataset").isNotNull();
            return !deleted(record);
        };
        JsonNode traps = manifest.path("traps");
        Set<List<String>> covered = new HashSet<>();
        for (var e : TRAP_RULES.entrySet()) {
            Set<String> expected = new HashSet<>();
            Map<String, Long> breakdown = new TreeMap<>();
            for (JsonNode t : traps.path(e.getKey())) {
                if (!live.test(t)) {
                    continue;
                }
                String rid = t.path("resource").asText().startsWith("custom-modules/")
                        ? t.path("resource").asText().split("/")[1] + "/" + t.path("id").asText()
                        : t.path("id").asText();
                expected.add(rid);
                if (e.getKey().startsWith("DANGLING")) {
                    breakdown.merge(t.path("detail").asText(), 1L, Long::sum);
                }
            }
            assertThat(expected).as(e.getKey() + " planted on live records").isNotEmpty();
            JsonNode f = finding(report, e.getValue());
            assertIds(e.getKey(), f, expected);
            if (!breakdown.isEmpty()) {
                Map<String, Long> got = new TreeMap<>();
                f.path("breakdown").fields().forEachRemaining(b -> got.put(b.getKey(), b.getValue().asLong()));
                assertThat(got).as(e.getKey()).isEqualTo(breakdown);
            }
            covered.add(e.getValue());
        }
        // Missing required fields: one finding per (resource, field) the manifest names.
        Map<List<String>, Set<String>> required = new HashMap<>();
        for (JsonNode t : traps.path("MISSING_REQUIRED_FIELD")) {
            if (live.test(t)) {
                required.computeIfAbsent(List.of("required.missing", t.path("resource").asText(),
                        t.path("field").asText()), k -> new HashSet<>()).add(t.path("id").asText());
            }
        }
        assertThat(required).as("missing-field traps on three resources").hasSize(3);
        required.forEach((k, ids) -> {
            assertIds(k.toString(), finding(report, k), ids);
            covered.add(k);
        });
        // Groups: the same person twice, and households.
        assertGroups(report, List.of("patient.duplicate-person", "patients", "first_name,last_name,date_of_birth"),
                traps.path("DUPLICATE_PATIENT_NAME_DOB"), "duplicate of ", livePatients);
        assertGroups(report, List.of("patient.shared-email", "patients", "email"),
                traps.path("DUPLICATE_PATIENT_EMAIL"), "same as ", livePatients);
        covered.add(List.of("patient.duplicate-person", "patients", "first_name,last_name,date_of_birth"));
        covered.add(List.of("patient.shared-email", "patients", "email"));

        // Every other rule found nothing: no trap feeds it, and the generator keeps everything else clean.
        for (JsonNode f : report.path("findings")) {
            List<String> key = List.of(f.path("rule").asText(), f.path("resource").asText(), f.path("field").asText());
            if (!covered.contains(key)) {
                assertThat(f.path("count").asLong()).as(key + " " + f.path("ids")).isZero();
            }
        }

        // Attachments of live records: total and largest.
        Map<String, ObjectNode> attachments = readJsonl("attachments.jsonl");
        long total = attachments.values().stream().filter(a -> !deleted(a)).mapToLong(a -> a.path("size_bytes")
                .asLong()).sum();
        long largest = attachments.values().stream().filter(a -> !deleted(a)).mapToLong(a -> a.path("size_bytes")
                .asLong()).max().orElse(0);
        assertThat(report.path("attachments").path("totalBytes").asLong()).isEqualTo(total);
        assertThat(report.path("attachments").path("largestBytes").asLong()).isEqualTo(largest);

        // Owners: exactly the practitioners left without a user, and every PRACTITIONER_NO_EMAIL one among them.
        Set<String> unmatched = new HashSet<>();
        report.path("owners").path("unmatched").forEach(p -> unmatched.add(p.path("id").asText() + " "
                + p.path("status").asText()));
        assertThat(unmatched).isEqualTo(expectedUnmatched);
        for (JsonNode t : traps.path("PRACTITIONER_NO_EMAIL")) {
            if (!deleted(practitioners.get(t.path("id").asText()))) {
                assertThat(unmatched).contains(t.path("id").asText() + " NO_EMAIL");
            }
        }
        assertThat(report.path("owners").path("matched").asLong()).isEqualTo(users.size());

        // The page: counts and no patient's name.
        String md = given().get("/discoveries/" + id + "/report.md").then().statusCode(200).extract().asString();
        // Kept as an example of the page (a generated practice: no real person).
        Files.writeString(Path.of("target/discovery-example.md"), md, StandardCharsets.UTF_8);
        assertThat(md).contains("# Discovery " + id, "| patients | " + livePatients.size() + " |");
        for (ObjectNode p : patients.values()) {
            assertThat(md).doesNotContain(p.path("first_name").asText() + " " + p.path("last_name").asText());
            if (p.path("national_id").isTextual()) {
                assertThat(md).doesNotContain(p.path("national_id").asText());
            }
        }
    }

    private void assertIds(String what, JsonNode f, Set<String> expected) {
        assertThat(f.path("count").asLong()).as(what + " count").isEqualTo(expected.size());
        List<String> ids = new ArrayList<>();
        f.path("ids").forEach(i -> ids.add(i.asText()));
        assertThat(ids).as(what + " ids").hasSize(Math.min(expected.size(), 100)).doesNotHaveDuplicates();
        assertThat(expected).as(what + " ids").containsAll(ids);
    }

    /** The planted (record, original) pairs, restricted to live patients, joined into groups of two or more. */
    private void assertGroups(JsonNode report, List<String> key, JsonNode planted, String prefix, Set<String> live) {
        Map<String, String> parent = new HashMap<>();
        for (JsonNode t : planted) {
            String a = t.path("id").asText();
            String b = t.path("detail").asText().substring(prefix.length());
            if (live.contains(a) && live.contains(b)) {
                union(parent, a, b);
            }
        }
        Map<String, Set<String>> groups = new HashMap<>();
        for (String id : new ArrayList<>(parent.keySet())) {
            groups.computeIfAbsent(root(parent, id), r -> new HashSet<>()).add(id);
        }
        Set<Set<String>> expected = new HashSet<>(groups.values());
        assertThat(expected).as(key.toString() + " planted").isNotEmpty();
        JsonNode f = finding(report, key);
        assertThat(f.path("groupCount").asLong()).as(key + " groups").isEqualTo(expected.size());
        assertThat(f.path("count").asLong()).as(key + " records")
                .isEqualTo(expected.stream().mapToLong(Set::size).sum());
        Set<Set<String>> got = new HashSet<>();
        f.path("groups").forEach(g -> {
            Set<String> s = new HashSet<>();
            g.forEach(i -> s.add(i.asText()));
            got.add(s);
        });
        assertThat(got).as(key.toString() + " groups listed").hasSize((int) Math.min(expected.size(), 50));
        assertThat(expected).as(key.toString()).containsAll(got);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        parent.put(root(parent, a), root(parent, b));
    }

    private static String root(Map<String, String> parent, String x) {
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    private static JsonNode finding(JsonNode report, List<String> key) {
        return find(report.path("findings"), f -> f.path("rule").asText().equals(key.get(0))
                && f.path("resource").asText().equals(key.get(1)) && f.path("field").asText().equals(key.get(2)));
    }

    private static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        throw new AssertionError("not in the report: " + array.size() + " entries");
    }

    private static boolean deleted(JsonNode r) {
        return r != null && r.path("deleted").asBoolean(false);
    }

    private final Map<String, Map<String, ObjectNode>> cache = new HashMap<>();

    private Map<String, ObjectNode> readJsonlCached(String resource) {
        return cache.computeIfAbsent(resource, r -> readJsonl(r + ".jsonl"));
    }

    private static Map<String, ObjectNode> readJsonl(String file) {
        Map<String, ObjectNode> out = new HashMap<>();
        Path p = DATASET.resolve(file);
        if (!Files.exists(p)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    ObjectNode o = (ObjectNode) JSON.readTree(line);
                    out.put(o.path("id").asText(), o);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
