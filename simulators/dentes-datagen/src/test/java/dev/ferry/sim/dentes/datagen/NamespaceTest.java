package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two practices in different namespaces share no id and no patient e-mail, so the fault matrix can migrate one after
 * the other through one stack (whose mapper keeps e-mails unique across runs), and each is otherwise the practice
 * its seed describes.
 */
class NamespaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aNamespaceMovesEveryIdAndTagsEveryPatientEmailAndChangesNothingElse() throws IOException {
        Path plain = tmp.resolve("plain");
        Path moved = tmp.resolve("moved");
        PracticeGenerator.generate(GeneratorOptions.of(120, 5, plain));
        PracticeGenerator.generate(GeneratorOptions.of(120, 5, moved).inNamespace(3));

        List<JsonNode> a = lines(plain.resolve("patients.jsonl"));
        List<JsonNode> b = lines(moved.resolve("patients.jsonl"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            JsonNode p = a.get(i);
            JsonNode q = b.get(i);
            assertThat(Long.parseLong(q.get("id").asText().substring(2)))
                    .isEqualTo(3_000_000L + Long.parseLong(p.get("id").asText().substring(2)));
            assertThat(q.get("first_name")).isEqualTo(p.get("first_name"));
            assertThat(q.get("mobile_phone")).isEqualTo(p.get("mobile_phone"));
            if (p.get("email").isNull()) {
                assertThat(q.get("email").isNull()).isTrue();
            } else {
                String e = p.get("email").asText();
                int at = e.indexOf('@');
                assertThat(q.get("email").asText())
                        .isEqualTo(at < 0 ? e + "+ns3" : e.substring(0, at) + "+ns3" + e.substring(at));
            }
        }
        assertThat(ids(plain, "treatment-cases")).doesNotContainAnyElementsOf(ids(moved, "treatment-cases"));
        assertThat(ids(plain, "clinics")).doesNotContainAnyElementsOf(ids(moved, "clinics"));
        assertThat(ids(plain, "products")).doesNotContainAnyElementsOf(ids(moved, "products"));
        assertThat(emails(plain)).doesNotContainAnyElementsOf(emails(moved));
    }

    @Test
    void aFamilyStillSharesItsAddressInsideANamespace() throws IOException {
        Path moved = tmp.resolve("moved");
        PracticeGenerator.generate(GeneratorOptions.of(300, 8, moved).inNamespace(7));
        JsonNode traps = JSON.readTree(moved.resolve("manifest.json").toFile()).path("traps")
                .path("DUPLICATE_PATIENT_EMAIL");
        assertThat(traps.size()).as("the practice has families").isPositive();
        java.util.Map<String, String> emailOf = new java.util.HashMap<>();
        for (JsonNode p : lines(moved.resolve("patients.jsonl"))) {
            emailOf.put(p.get("id").asText(), p.get("email").asText(null));
        }
        for (JsonNode t : traps) {
            String other = t.path("detail").asText().replace("same as ", "");
            assertThat(emailOf.get(t.path("id").asText())).isEqualTo(emailOf.get(other)).contains("+ns7@");
        }
    }

    private static Set<String> ids(Path dataset, String resource) throws IOException {
        Set<String> ids = new HashSet<>();
        lines(dataset.resolve(resource + ".jsonl")).forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private static Set<String> emails(Path dataset) throws IOException {
        Set<String> out = new HashSet<>();
        for (JsonNode p : lines(dataset.resolve("patients.jsonl"))) {
            if (p.hasNonNull("email")) {
                out.add(p.get("email").asText().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
