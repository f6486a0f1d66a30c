package dev.ferry.extractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page shows counts, findings with ids, the unmatched practitioners, and never a patient's values. */
class MarkdownReportTest {

    @Test
    void thePageNamesFindingsAndStaffButNoPatientValue() {
        DiscoveryScan scan = new DiscoveryScan(DiscoveryScan.Settings.defaults());
        scan.record(SourceResource.PRACTITIONERS, DiscoveryScanTest.json("{'id':'PR-1','first_name':'Ali',"
                + "'last_name':'Kaya','email':'ali@klinik.com.tr','role':'DENTIST','active':true}"));
        scan.record(SourceResource.CLINICS, DiscoveryScanTest.json("{'id':'C-1','name':'Kadıköy'}"));
        scan.record(SourceResource.PATIENTS, DiscoveryScanTest.patient("P-1", "{'first_name':'Zeynep',"
                + "'last_name':'Gizli','date_of_birth':'1971-07-07','national_id':'12345678950',"
                + "'email':'zeynep.gizli@gmail'}"));
        scan.record(SourceResource.PATIENTS, DiscoveryScanTest.patient("P-2", "{'first_name':'Zeynep',"
                + "'last_name':'Gizli','date_of_birth':'1971-07-07','email':'zeynep@gizli.com'}"));
        DiscoveryScan.Result r = scan.finish();
        DiscoveryReport report = new DiscoveryReport("disc-1", Instant.EPOCH, Instant.EPOCH, r.resources(),
                r.modules(), r.customFields(), r.findings(), new DiscoveryReport.Attachments(0, 0, null, 0, null, null),
                OwnerMatching.match(scan.staff(), List.of(), "request", null),
                new DiscoveryReport.Limits(32768, 100, 50, "TR", r.indexBytes(), DiscoveryScan.memoryBound()));
        String md = MarkdownReport.render(report);
        assertThat(md).contains("| patients | 2 | 0 | 0 |", "| email.invalid | patients | email | 1 | P-1 |",
                "1 groups: (P-1, P-2)", "| PR-1 | Ali Kaya | ali@klinik.com.tr | DENTIST | yes | NO_USER |");
        assertThat(md).doesNotContain("Zeynep", "Gizli", "1971", "12345678950", "zeynep");
    }
}
