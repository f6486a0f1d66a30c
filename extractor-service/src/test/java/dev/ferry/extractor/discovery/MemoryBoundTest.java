package dev.ferry.extractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import org.junit.jupiter.api.Test;

/**
 * The stated bound holds: for 200 000 patients (every one with name, birth date, mobile and e-mail, so all three
 * grouping keys are kept) and a million children, the indexes stay within 2 × (16 + 72 + id length + 2) bytes a
 * patient, and the children add nothing.
 */
class MemoryBoundTest {

    @Test
    void indexesGrowWithPatientsOnlyAndWithinTheStatedBound() {
        DiscoveryScan scan = new DiscoveryScan(DiscoveryScan.Settings.defaults());
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode clinic = f.objectNode().put("id", "C-1").put("name", "x");
        scan.record(SourceResource.CLINICS, clinic);
        int patients = 200_000;
        for (int i = 0; i < patients; i++) {
            ObjectNode p = f.objectNode().put("id", "P-" + (1_000_000 + i)).put("clinic_id", "C-1")
                    .put("first_name", "A" + i).put("last_name", "B").put("date_of_birth", "1980-01-01")
                    .put("email", "p" + i + "@example.com").put("mobile_phone", "+90 532 " + (1_000_000 + i));
            scan.record(SourceResource.PATIENTS, p);
        }
        long afterPatients = scan.indexBytes();
        for (int i = 0; i < 1_000_000; i++) {
            scan.record(SourceResource.APPOINTMENTS, f.objectNode().put("id", "A-" + i)
                    .put("patient_id", "P-" + (1_000_000 + i % patients)).put("clinic_id", "C-1")
                    .put("start_at", "2025-01-01T10:00:00+03:00").put("duration_minutes", 30));
        }
        assertThat(scan.indexBytes()).as("children add nothing").isEqualTo(afterPatients);
        long idLength = "P-1000000".length();
        long bound = 2L * patients * (16 + 72 + idLength + 2);
        assertThat(afterPatients).as("bytes for %d patients", patients).isLessThanOrEqualTo(bound);
        assertThat(scan.finish().findings().stream().mapToLong(DiscoveryReport.Finding::count).sum()).isZero();
    }
}
