package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.SampleCommand;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.migration.MapLifecycle;
import dev.ferry.cli.migration.MigrationDriver;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.security.Roles;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import picocli.CommandLine;

/**
 * Issue 11 step 4, the sample and its field-level diff, end to end on the packaged services with {@code ferry sample}.
 * A sample run on the confirmed map is loaded and read back: nothing DIFFERENT; what is not EQUAL is MISSING, and only
 * on fields preflight's checklist says the test account lacks (the suite's account is not prepared field by field).
 * Then the planted mapping mistake: a map with ONE rule changed (the patients' preferred language read from their
 * gender) is confirmed, and the loaded sample is compared with what it promises: against the first diff, exactly that
 * field's verdicts change, on patients only, the changed rule's value expected and the intended one read back (exit
 * 3). The loader's review page ({@code /review/#sample}, headless Chromium) shows that diff to an operator, the
 * run id entered and the mapper's promises chosen as a file: exactly that field flagged different, its records with
 * expected and actual; a viewer is refused, the role named. Last, a full run on the intended map after the sample
 * updates the sampled records instead of duplicating them: one contact per {@code cf_dentes_id}, and the migration
 * invariant holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleIT {

    private static final String FIELD = "custom_field.cf_preferred_language";
    private static final Pattern RULE = Pattern.compile("(to: custom_field\\.cf_preferred_language\\s*\\n\\s*from: )"
            + "preferred_language\\b");

    private E2eStack e2e;
    private Path work;
    private Path token;
    private String intended;
    private Set<String> sampled;
    private Set<String> lacking;
    /** The first diff's verdict per {@code resource/sourceId/field}. */
    private Map<String, String> baseline;

    @BeforeAll
    void start() throws Exception {
        e2e = E2eStack.start("sample", 12, 47, E2eStack.freshsalesSettings(), Map.of());
        work = e2e.stack.settings().workDir();
        token = Files.writeString(Files.createDirectories(work).resolve("token"), e2e.stack.auth().cliToken());
        intended = new JsonHttp(e2e.stack.auth().cliToken())
                .get(e2e.stack.baseUrl(Component.MAPPER) + "/mapping/confirmations/latest").path("version").asText();
        lacking = lackingFields();
    }

    /**
     * The fields preflight's checklist says the account lacks (or lacks dropdown values of), as {@code module.name}:
     * the test stack's account is not prepared, and the diff must show exactly these as MISSING, nothing else.
     */
    private Set<String> lackingFields() {
        JsonNode report = new JsonHttp(e2e.stack.auth().cliToken()).post(e2e.stack.baseUrl(Component.MAPPER)
                + "/preflight", FerryJson.mapper().createObjectNode().put("map", intended));
        Set<String> out = new TreeSet<>();
        for (JsonNode line : report.path("fieldChecklist")) {
            String status = line.path("status").asText();
            if (status.equals("MISSING") || status.equals("CHOICES_MISSING")) {
                out.add(line.path("name").asText());
            }
        }
        return out;
    }

    @AfterAll
    void stop() {
        if (e2e != null) {
            e2e.close();
        }
    }

    private int sample(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", e2e.stack.baseUrl(Component.EXTRACTOR),
                "--mapper-url", e2e.stack.baseUrl(Component.MAPPER), "--loader-url",
                e2e.stack.baseUrl(Component.LOADER), "--audit-url", e2e.stack.baseUrl(Component.AUDIT),
                "--token-file", token.toString(), "--out", out.toString(), "--timeout", "PT2M"));
        all.addAll(List.of(args));
        return new CommandLine(new SampleCommand()).execute(all.toArray(String[]::new));
    }

    private static JsonNode diff(Path out) throws Exception {
        return FerryJson.mapper().readTree(out.resolve("sample-diff.json").toFile());
    }

    /** {@code resource.field} of every field that is not EQUAL somewhere. */
    private static Set<String> notEqual(JsonNode diff) {
        Set<String> out = new TreeSet<>();
        for (JsonNode r : diff.path("records")) {
            for (JsonNode f : r.path("fields")) {
                if (!f.path("verdict").asText().equals("EQUAL")) {
                    out.add(r.path("resource").asText() + "." + f.path("field").asText());
                }
            }
        }
        return out;
    }

    /** A value as the map's trim step leaves it; null when absent. */
    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asText().trim();
    }

    private static Set<String> records(JsonNode diff) {
        Set<String> out = new TreeSet<>();
        diff.path("records").forEach(r -> out.add(r.path("resource").asText() + "/" + r.path("sourceId").asText()));
        return out;
    }

    @Test
    @Order(1)
    void aSampleOnTheConfirmedMapReadsBackEqualButWhatTheAccountLacks() throws Exception {
        Path out = work.resolve("sample-1");
        int rc = sample(out, "--size", "200");

        JsonNode diff = diff(out);
        assertThat(diff.path("records")).allSatisfy(r -> assertThat(r.path("found").asBoolean()).isTrue());
        sampled = records(diff);
        baseline = verdicts(diff);
        Set<String> resources = new TreeSet<>();
        diff.path("records").forEach(r -> resources.add(r.path("resource").asText()));
        assertThat(resources).contains("patients", "clinics", "treatment-cases");
        assertThat(sampled.size()).isBetween(20, 200);
        // Nothing differs; what is not equal is missing, and only on fields preflight says the account lacks.
        for (JsonNode r : diff.path("records")) {
            for (JsonNode f : r.path("fields")) {
                String verdict = f.path("verdict").asText();
                if (!verdict.equals("EQUAL")) {
                    assertThat(verdict).as(r.path("sourceId").asText() + " " + f.path("field").asText())
                            .isEqualTo("MISSING");
                    assertThat(lacking).contains(f.path("field").asText().replace("custom_field.", ""));
                }
            }
        }
        assertThat(rc).isEqualTo(notEqual(diff).isEmpty() ? SampleCommand.EQUAL : SampleCommand.DIFFERENCES);
        assertThat(notEqual(diff)).doesNotContain("patients." + FIELD);
    }

    private static Map<String, String> verdicts(JsonNode diff) {
        Map<String, String> out = new HashMap<>();
        for (JsonNode r : diff.path("records")) {
            for (JsonNode f : r.path("fields")) {
                out.put(r.path("resource").asText() + "/" + r.path("sourceId").asText() + "/"
                        + f.path("field").asText(), f.path("verdict").asText());
            }
        }
        return out;
    }

    @Test
    @Order(2)
    void aPlantedMappingMistakeShowsAsExactlyTheFieldItTouches() throws Exception {
        JsonHttp http = new JsonHttp(e2e.stack.auth().cliToken());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        http.stream(e2e.stack.baseUrl(Component.MAPPER) + "/mapping/confirmations/" + intended + "/map.yaml", text);
        Matcher m = RULE.matcher(text.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("the confirmed map reads the preferred language").isTrue();
        String planted = m.replaceFirst("$1gender");
        MapLifecycle.Answer a = new MapLifecycle(e2e.stack.baseUrl(Component.MAPPER), e2e.stack.auth().cliToken())
                .confirm(planted, null, "SampleIT: one rule changed on purpose");
        assertThat(a.confirmed()).as(a.body().toString()).isTrue();
        String wrong = a.body().path("version").asText();

        // The loaded sample compared with what the changed map promises: exactly the changed rule's field, on patients
        // only; Freshsales holds what the intended rule wrote, the changed rule promises the gender.
        String sampleRun = diff(work.resolve("sample-1")).path("runId").asText();
        Path out = work.resolve("sample-1-against-planted");
        assertThat(sample(out, "--run", sampleRun, "--against", wrong)).isEqualTo(SampleCommand.DIFFERENCES);
        JsonNode diff = diff(out);
        assertThat(records(diff)).isEqualTo(sampled);
        // Against the first diff: every verdict the same but the changed rule's field on patients.
        Map<String, String> now = verdicts(diff);
        assertThat(now.keySet()).isEqualTo(baseline.keySet());
        Set<String> changed = new TreeSet<>();
        now.forEach((key, verdict) -> {
            if (!verdict.equals(baseline.get(key))) {
                changed.add(key.substring(0, key.indexOf('/')) + "." + key.substring(key.lastIndexOf('/') + 1));
            }
        });
        assertThat(changed).containsExactly("patients." + FIELD);
        Map<String, JsonNode> patients = e2e.dataset.records("patients");
        int different = 0;
        for (JsonNode r : diff.path("records")) {
            for (JsonNode f : r.path("fields")) {
                if (f.path("verdict").asText().equals("DIFFERENT")) {
                    different++;
                    JsonNode source = patients.get(r.path("sourceId").asText());
                    assertThat(text(f.path("expected"))).as("what the changed rule promises")
                            .isEqualTo(text(source.path("gender")));
                    assertThat(text(f.path("actual"))).as("what the intended rule wrote")
                            .isEqualTo(text(source.path("preferred_language")));
                }
            }
        }
        assertThat(different).isPositive();
        JsonNode summary = null;
        for (JsonNode f : diff.path("fields")) {
            if (f.path("resource").asText().equals("patients") && f.path("field").asText().equals(FIELD)) {
                summary = f;
            }
        }
        assertThat(summary).isNotNull();
        assertThat(summary.path("different").asInt()).isEqualTo(different);
        assertThat(Files.readString(out.resolve("sample-diff.md"))).contains("patients." + FIELD)
                .contains("compared with what `confirmed/v" + wrong + "` promises");

        seenOnTheReviewPage(sampleRun, wrong, diff, different);
    }

    /**
     * The same comparison on the loader's review page: a viewer is refused with the role named; an operator enters
     * the run id, chooses the mapper's promises (saved as a file, as the page asks) and sees exactly the planted
     * field flagged different, with the CLI's counts, and its records with expected and actual.
     */
    private void seenOnTheReviewPage(String sampleRun, String wrong, JsonNode cliDiff, int different) throws Exception {
        JsonNode promised = new JsonHttp(e2e.stack.auth().cliToken()).get(e2e.stack.baseUrl(Component.MAPPER)
                + "/runs/" + sampleRun + "/promised?map=" + wrong);
        Path file = work.resolve("promised-planted.json");
        Files.write(file, FerryJson.mapper().writeValueAsBytes(promised));
        // The loader serves its first view: the page is public, with the CSP every service's /review/* has.
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(e2e.stack.baseUrl(Component.LOADER) + "/review/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"));
        try (ReviewBrowser review = ReviewBrowser.start()) {
            review.open(e2e.stack.baseUrl(Component.LOADER), "sample");
            review.paste(e2e.stack.auth().mint("sample-viewer", List.of(Roles.VIEWER)));
            compare(review, sampleRun, file);
            assertThat(review.errorOf("sample")).contains("403", "ferry-operator");

            review.switchTo(e2e.stack.auth().cliToken());
            compare(review, sampleRun, file);
            Map<String, String> summary = ReviewBrowser.facts(review.waitFor(By.id("sample-summary")));
            assertThat(summary.get("records read back")).isEqualTo(String.valueOf(cliDiff.path("records").size()));
            assertThat(summary.get("fields different somewhere")).isEqualTo("1");
            List<List<String>> flagged = ReviewBrowser.allRows(review.driver.findElement(By.id("sample-fields")))
                    .stream().filter(cells -> !cells.get(3).equals("0")).toList();
            assertThat(flagged).as("fields with a record different").hasSize(1);
            assertThat(flagged.get(0)).startsWith("patients", FIELD);
            assertThat(flagged.get(0).get(3)).isEqualTo(String.valueOf(different));
            WebElement records = review.driver.findElement(By.id("sample-records"));
            List<List<String>> differentRows = ReviewBrowser.allRows(records).stream()
                    .filter(cells -> cells.get(4).equals("DIFFERENT")).toList();
            assertThat(differentRows).hasSize(different).allSatisfy(cells -> assertThat(cells.get(3)).isEqualTo(FIELD));
            Map<String, JsonNode> patients = e2e.dataset.records("patients");
            for (List<String> cells : differentRows) {
                JsonNode source = patients.get(cells.get(1));
                assertThat(cells.get(5)).as("expected").isEqualTo(shown(source.path("gender")));
                assertThat(cells.get(6)).as("actual").isEqualTo(shown(source.path("preferred_language")));
            }
            review.screenshot("loader-service", "review-sample.png");
        }
    }

    /** A value as the page shows it (absence said). */
    private static String shown(JsonNode n) {
        String t = text(n);
        return t == null ? "(none)" : t;
    }

    /** Enters the run id, chooses the promises file and asks for the comparison. */
    private static void compare(ReviewBrowser review, String runId, Path promises) {
        WebElement run = review.waitFor(By.id("sample-run"));
        run.clear();
        run.sendKeys(runId);
        review.driver.findElement(By.id("sample-promises")).sendKeys(promises.toString());
        review.driver.findElement(By.id("sample-compare")).click();
    }

    @Test
    @Order(3)
    void aFullRunAfterTheSamplesUpdatesTheSampledRecordsInsteadOfDuplicatingThem() {
        long started = System.nanoTime();
        ObjectNode body = FerryJson.mapper().createObjectNode().put("mode", "FULL").put("mapVersion", intended);
        ArrayNode list = body.putArray("resources");
        MigrationDriver.RESOURCES.forEach(list::add);
        String full = new JsonHttp(e2e.stack.auth().cliToken()).post(e2e.stack.baseUrl(Component.EXTRACTOR) + "/runs",
                body).path("runId").asText();
        MigrationInvariant.Result result = MigrationInvariant.check("sample-then-full", e2e,
                new ExpectedMigration(e2e.dataset, e2e.users), full, Duration.ofMinutes(2), started);
        assertThat(result.holds()).as(result.describe()).isTrue();

        Map<String, Integer> contacts = new HashMap<>();
        for (JsonNode c : e2e.driver.freshsalesState().path("contacts")) {
            contacts.merge(c.path("custom_field").path("cf_dentes_id").asText(), 1, Integer::sum);
        }
        assertThat(contacts).allSatisfy((id, n) -> assertThat(n).as("contacts with cf_dentes_id " + id).isEqualTo(1));
        Set<String> sampledPatients = new TreeSet<>();
        sampled.stream().filter(r -> r.startsWith("patients/")).forEach(r -> sampledPatients.add(r.substring(9)));
        assertThat(contacts.keySet()).containsAll(sampledPatients);
    }
}
