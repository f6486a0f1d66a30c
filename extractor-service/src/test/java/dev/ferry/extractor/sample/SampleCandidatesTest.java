package dev.ferry.extractor.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the sample is chosen from, read from a tenant: the candidates and the records their links need. */
class SampleCandidatesTest {

    private final Map<String, List<ObjectNode>> tenant = new HashMap<>();

    /** Every resource served whole on its first page, under its own path. */
    private final PageSource source = q -> {
        List<ObjectNode> records = tenant.getOrDefault(q.path(), List.of());
        return new DentesPage(q.page() == 1 ? records : List.of(), 0,
                new DentesPage.Meta(q.page(), q.perPage(), records.size(), 1));
    };

    private ObjectNode add(SourceResource resource, String id) {
        ObjectNode r = FerryJson.mapper().createObjectNode().put("id", id);
        tenant.computeIfAbsent(resource.path(), k -> new ArrayList<>()).add(r);
        return r;
    }

    private ObjectNode patient(String id, String email) {
        ObjectNode p = add(SourceResource.PATIENTS, id).put("clinic_id", "C-1").put("treatment_type", "PREVENTIVE");
        return email == null ? p : p.put("email", email);
    }

    /**
     * Regression (demo of 2026-12-06, P-000043 FAILED "Email has already been taken"): a sample took the family member
     * P-000120 without P-000043, so the sample gave the shared address to P-000120; the full run gave it to P-000043,
     * the family's lowest id, and Freshsales refused it. A sampled patient now brings its whole family.
     */
    @Test
    void aSampledPatientBringsEveryPatientSharingItsEmailAddress() throws Exception {
        add(SourceResource.CLINICS, "C-1");
        patient("P-000043", "Family.Smith@Example.org ");
        patient("P-000120", "family.smith@example.org").put("treatment_type", "IMPLANT");
        // Lower ids than the family's, same stratum: without the family rule the room left goes to P-000010.
        patient("P-000010", "someone.else@example.org");
        patient("P-000011", null);
        // The only implant case names P-000120: covering IMPLANT takes it, and with it P-000043.
        add(SourceResource.TREATMENT_CASES, "TC-1").put("patient_id", "P-000120").put("treatment_type", "IMPLANT")
                .put("stage", "NEW");

        SampleSelection.Result sample = new SampleCandidates(source, SourceResource::path, 100).select(4);

        Set<String> patients = sample.records().get(SourceResource.PATIENTS);
        assertThat(patients).contains("P-000120", "P-000043");
        assertThat(sample.records().get(SourceResource.CLINICS)).containsExactly("C-1");
        assertThat(sample.size()).isLessThanOrEqualTo(4);
    }

    @Test
    void aFamilyLargerThanTheRoomLeftStaysOutWhole() throws Exception {
        add(SourceResource.CLINICS, "C-1");
        for (int i = 1; i <= 5; i++) {
            patient("P-00000" + i, "big.family@example.org");
        }
        patient("P-000010", "alone@example.org");

        SampleSelection.Result sample = new SampleCandidates(source, SourceResource::path, 100).select(3);

        // Five members and their clinic do not fit in three: never a part of the family.
        assertThat(sample.records().get(SourceResource.PATIENTS)).containsExactly("P-000010");
    }
}
