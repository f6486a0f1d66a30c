package dev.ferry.sim.dentes.datagen;

import static dev.ferry.sim.dentes.datagen.LoadedDataset.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The documented distributions hold (bounds are several standard deviations wide for 4000 patients). */
class ProportionsTest {

    private final LoadedDataset ds = SharedDataset.get();
    private final double patients = SharedDataset.PATIENTS;

    @Test
    void dependantsPerPatientMatchTheDocumentedMeans() {
        assertThat(ds.of("patients")).hasSize(SharedDataset.PATIENTS);
        assertThat(ds.of("appointments").size() / patients).isBetween(2.75, 3.35);
        assertThat(ds.of("clinical-notes").size() / patients).isBetween(1.8, 2.2);
        assertThat(ds.of("treatment-cases").size() / patients).isBetween(0.93, 1.12);
        // One billing record per case, plus the traps: a second one for some cases, some for no case at all.
        long withCase = ds.of("billing-records").stream().filter(b -> b.hasNonNull("treatment_case_id")).count();
        assertThat(withCase - ds.listed("BILLING_SEVERAL_PER_CASE").size()).isEqualTo(ds.of("treatment-cases").size());
        assertThat(ds.of("recalls").size() / patients).isBetween(0.93, 1.12);
        assertThat(ds.of("custom-modules/imaging/records").size() / patients).isBetween(0.48, 0.62);
        assertThat(ds.of("attachments").size() / patients).isBetween(0.18, 0.34);
    }

    @Test
    void practiceHasAParentGroupBranchesStaffAndACatalogue() {
        List<JsonNode> clinics = ds.of("clinics");
        List<JsonNode> roots = clinics.stream().filter(c -> text(c, "parent_clinic_id") == null).toList();
        assertThat(roots).hasSize(1);
        String root = roots.get(0).path("id").asText();
        assertThat(clinics.stream().filter(c -> root.equals(text(c, "parent_clinic_id"))).count()).isGreaterThanOrEqualTo(2);
        assertThat(ds.of("practitioners").size()).isBetween(8, 61);
        assertThat(ds.of("practitioners")).extracting(p -> p.path("role").asText())
                .contains("DENTIST", "HYGIENIST", "OFFICE_MANAGER", "RECEPTIONIST", "ASSISTANT");
        assertThat(ds.of("products").size()).isGreaterThanOrEqualTo(30);
        assertThat(ds.of("products")).extracting(p -> p.path("code").asText())
                .contains("D0120", "D1110", "D2740")
                .allMatch(code -> code.matches("D\\d{4}(-PKG)?"));
        assertThat(ds.of("workflows")).isNotEmpty();
        assertThat(ds.of("integrations")).isNotEmpty();
    }

    @Test
    void threeCustomModulesOneOfThemManyPerPatient() {
        List<JsonNode> modules = ds.of("custom-modules");
        assertThat(modules).extracting(m -> m.path("key").asText()).containsExactly("imaging", "lab-work", "prescriptions");
        assertThat(modules.stream().filter(m -> m.path("cardinality").asText().equals("MANY_PER_PATIENT")).count()).isEqualTo(1);
        for (JsonNode m : modules) {
            if (m.path("cardinality").asText().equals("ONE_PER_PATIENT")) {
                String resource = "custom-modules/" + m.path("key").asText() + "/records";
                Set<String> seen = new HashSet<>();
                assertThat(ds.of(resource)).isNotEmpty()
                        .allSatisfy(r -> assertThat(seen.add(r.path("patient_id").asText())).as(resource).isTrue());
            }
        }
        Map<String, Integer> imagingPerPatient = new HashMap<>();
        ds.of("custom-modules/imaging/records").forEach(r -> imagingPerPatient.merge(r.path("patient_id").asText(), 1, Integer::sum));
        assertThat(imagingPerPatient.values()).anyMatch(n -> n > 1);
    }

    @Test
    void someUnbookedLeadsWithSourceAndInquiryAndNoAppointments() {
        List<JsonNode> leads = ds.of("patients").stream().filter(p -> text(p, "first_appointment_at") == null).toList();
        assertThat(leads.size() / patients).isBetween(0.04, 0.12);
        Set<String> withAppointments = new HashSet<>();
        ds.of("appointments").forEach(a -> withAppointments.add(a.path("patient_id").asText()));
        assertThat(leads).allSatisfy(l -> {
            assertThat(l.path("status").asText()).isEqualTo("PROSPECT");
            assertThat(text(l, "lead_source")).isIn("REFERRAL", "WALK_IN", "MARKETING", "ONLINE", "OTHER");
            assertThat(text(l, "inquiry_type")).isNotBlank();
            assertThat(withAppointments).doesNotContain(l.path("id").asText());
        });
        assertThat(ds.of("patients").stream().filter(p -> text(p, "first_appointment_at") != null))
                .allSatisfy(p -> assertThat(p.path("status").asText()).isIn("ACTIVE", "INACTIVE"));
    }

    @Test
    void timestampsAreOrderedInThePastAndInIstanbulTime() {
        OffsetDateTime generatedAt = OffsetDateTime.parse(ds.manifest.path("generated_at").asText());
        OffsetDateTime earliest = generatedAt.minusYears(9);
        ds.records.forEach((resource, list) -> assertThat(list).allSatisfy(r -> {
            String c = r.path("created_at").asText();
            String u = r.path("updated_at").asText();
            assertThat(c).as(resource).endsWith("+03:00");
            assertThat(u).as(resource).endsWith("+03:00");
            OffsetDateTime created = OffsetDateTime.parse(c);
            OffsetDateTime updated = OffsetDateTime.parse(u);
            assertThat(created).as(resource + " " + r.path("id")).isBeforeOrEqualTo(updated).isAfter(earliest);
            assertThat(updated).as(resource + " " + r.path("id")).isBeforeOrEqualTo(generatedAt);
        }));
        assertThat(ds.of("patients").stream().map(p -> p.path("created_at").asText().substring(0, 4)).distinct().count())
                .as("patients spread over past years").isGreaterThanOrEqualTo(7);
    }

    @Test
    void manifestCountsMatchTheFiles() {
        ds.records.forEach((resource, list) ->
                assertThat(ds.manifest.path("counts").path(resource).asLong()).as(resource).isEqualTo(list.size()));
        assertThat(ds.manifest.path("name").asText()).isEqualTo("practice-4000-seed-20240611");
        assertThat(ds.manifest.path("seed").asLong()).isEqualTo(SharedDataset.SEED);
    }
}
