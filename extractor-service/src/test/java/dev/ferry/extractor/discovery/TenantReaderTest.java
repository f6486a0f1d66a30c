package dev.ferry.extractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.config.ModuleRecordsPath;
import dev.ferry.extractor.testing.InMemoryTenant;
import java.time.Instant;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader walks every page of every resource and of every module, only with GETs of the list endpoint, reports a
 * resource the tenant refuses as unavailable, and fails on anything else.
 */
class TenantReaderTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private static String pathOf(SourceResource r) {
        return r == SourceResource.CUSTOM_MODULE_RECORDS ? ModuleRecordsPath.DEFAULT_TEMPLATE : r.path();
    }

    @Test
    void everyPageOfEveryResourceAndModuleIsRead() throws Exception {
        InMemoryTenant tenant = new InMemoryTenant(3);
        for (SourceResource r : DiscoveryScan.ORDER) {
            if (r != SourceResource.CUSTOM_MODULES && r != SourceResource.WORKFLOWS) {
                tenant.path(r.path());
            }
        }
        for (int i = 0; i < 7; i++) {
            tenant.path("patients").put("P-" + i, T.plusSeconds(i), i == 6);
        }
        tenant.module("M-1", "imaging", T).put("I-1", T, false);
        tenant.module("M-2", "lab", T);
        for (int i = 0; i < 4; i++) {
            tenant.path(InMemoryTenant.recordsPath("lab")).put("L-" + i, T.plusSeconds(i), false);
        }
        DiscoveryScan scan = new DiscoveryScan(DiscoveryScan.Settings.defaults());
        new TenantReader(tenant, TenantReaderTest::pathOf, 3).readInto(scan, TenantReader.Progress.NONE);
        DiscoveryScan.Result r = scan.finish();

        assertThat(r.resources()).contains(new DiscoveryReport.ResourceCount("patients", 6, 1, 0, null),
                new DiscoveryReport.ResourceCount("custom-module-records", 5, 0, 0, null));
        assertThat(r.resources().stream().filter(c -> c.resource().equals("workflows")).findFirst().orElseThrow()
                .unavailable()).contains("404");
        assertThat(r.modules()).extracting(DiscoveryReport.ModuleSummary::key, DiscoveryReport.ModuleSummary::liveRecords)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("imaging", 1L),
                        org.assertj.core.groups.Tuple.tuple("lab", 4L));
        // patients: 3 pages of 3; lab: 2 pages; nothing read twice.
        assertThat(tenant.requests().stream().filter(q -> q.path().equals("patients")).map(q -> q.page())
                .collect(Collectors.toList())).containsExactly(1, 2, 3);
        assertThat(tenant.requestsFor(InMemoryTenant.recordsPath("lab"))).isEqualTo(2);
        assertThat(tenant.requests()).allSatisfy(q -> assertThat(q.updatedSince()).isNull());
    }

    @Test
    void aFailureOtherThanARefusalFailsTheDiscovery() {
        InMemoryTenant tenant = new InMemoryTenant(3);
        for (SourceResource r : DiscoveryScan.ORDER) {
            tenant.path(r.path());
        }
        for (int i = 0; i < 7; i++) {
            tenant.path("patients").put("P-" + i, T.plusSeconds(i), false);
        }
        tenant.path("patients").failPage(2);
        DiscoveryScan scan = new DiscoveryScan(DiscoveryScan.Settings.defaults());
        assertThatThrownBy(() -> new TenantReader(tenant, TenantReaderTest::pathOf, 3).readInto(scan,
                TenantReader.Progress.NONE)).isInstanceOf(DentesCallFailed.class).hasMessageContaining("503");
    }
}
