package dev.ferry.sim.dentes.datagen;

import static dev.ferry.sim.dentes.datagen.LoadedDataset.deleted;
import static dev.ferry.sim.dentes.datagen.LoadedDataset.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sim.dentes.datagen.realism.RecordHashes;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every reference resolves to a record of the dataset, and a live record only references live records, except the
 * dangling references the manifest marks.
 */
class ReferentialIntegrityTest {

    private final LoadedDataset ds = SharedDataset.get();

    @Test
    void referencesResolveExceptTheMarkedDanglingOnes() {
        Set<String> marked = new HashSet<>();
        marked.addAll(ds.listed("DANGLING_PATIENT_CLINIC"));
        marked.addAll(ds.listed("DANGLING_PATIENT_PRACTITIONER"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<JsonNode>> e : ds.records.entrySet()) {
            String resource = e.getKey();
            for (JsonNode r : e.getValue()) {
                for (String[] ref : references(resource, r)) {
                    String field = ref[0];
                    String target = ref[1];
                    String id = ref[2];
                    checked++;
                    JsonNode t = ds.byId(target).get(id);
                    boolean ok = t != null && (deleted(r) || !deleted(t));
                    if (!ok && !marked.contains(resource + "|" + r.path("id").asText() + "|" + field)) {
                        broken.add(resource + " " + r.path("id").asText() + "." + field + " -> " + target + " " + id);
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50_000);
        assertThat(broken).isEmpty();
    }

    @Test
    void markedDanglingReferencesReallyDangle() {
        Map<String, JsonNode> patients = ds.byId("patients");
        ds.manifest.path("traps").path("DANGLING_PATIENT_CLINIC").forEach(e -> {
            JsonNode clinic = ds.byId("clinics").get(text(patients.get(e.path("id").asText()), "clinic_id"));
            assertThat(clinic == null || deleted(clinic)).isTrue();
            assertThat(e.path("detail").asText()).isEqualTo(clinic == null ? "missing" : "deleted");
        });
        assertThat(ds.manifest.path("traps").path("DANGLING_PATIENT_PRACTITIONER").findValuesAsText("detail"))
                .contains("missing", "deleted");
    }

    @Test
    void attachmentBytesMatchTheirMetadata() throws Exception {
        for (JsonNode a : ds.of("attachments")) {
            byte[] bytes = Files.readAllBytes(ds.dir.resolve("attachments").resolve(a.path("id").asText()));
            assertThat(bytes.length).isEqualTo(a.path("size_bytes").asInt());
            assertThat(RecordHashes.sha256Hex(bytes)).isEqualTo(a.path("sha256").asText());
            if (a.path("content_type").asText().equals("image/png")) {
                assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
                assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes))).isNotNull();
            } else {
                assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4");
            }
        }
    }

    private static List<String[]> references(String resource, JsonNode r) {
        List<String[]> refs = new ArrayList<>();
        java.util.function.BiConsumer<String, String> one = (field, target) -> {
            String v = text(r, field);
            if (v != null) {
                refs.add(new String[] {field, target, v});
            }
        };
        switch (resource) {
            case "clinics" -> one.accept("parent_clinic_id", "clinics");
            case "practitioners" -> r.path("clinic_ids").forEach(c -> refs.add(new String[] {"clinic_ids", "clinics", c.asText()}));
            case "patients" -> {
                one.accept("clinic_id", "clinics");
                one.accept("primary_practitioner_id", "practitioners");
            }
            case "treatment-cases" -> {
                one.accept("patient_id", "patients");
                one.accept("clinic_id", "clinics");
                one.accept("practitioner_id", "practitioners");
                r.path("procedures").forEach(p -> refs.add(new String[] {"procedures.product_id", "products",
                        p.path("product_id").asText()}));
            }
            case "appointments" -> {
                one.accept("patient_id", "patients");
                one.accept("clinic_id", "clinics");
                one.accept("practitioner_id", "practitioners");
                one.accept("treatment_case_id", "treatment-cases");
            }
            case "clinical-notes" -> {
                one.accept("patient_id", "patients");
                one.accept("treatment_case_id", "treatment-cases");
                one.accept("author_id", "practitioners");
                r.path("attachment_ids").forEach(a -> refs.add(new String[] {"attachment_ids", "attachments", a.asText()}));
            }
            case "recalls" -> {
                one.accept("patient_id", "patients");
                one.accept("practitioner_id", "practitioners");
                one.accept("last_appointment_id", "appointments");
            }
            case "billing-records" -> {
                one.accept("patient_id", "patients");
                one.accept("treatment_case_id", "treatment-cases");
            }
            case "attachments" -> one.accept("owner_id", switch (r.path("owner_type").asText()) {
                case "PATIENT" -> "patients";
                case "TREATMENT_CASE" -> "treatment-cases";
                default -> "clinical-notes";
            });
            default -> {
                if (resource.startsWith("custom-modules/")) {
                    one.accept("patient_id", "patients");
                    one.accept("treatment_case_id", "treatment-cases");
                }
            }
        }
        return refs;
    }
}
