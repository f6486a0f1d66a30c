package dev.ferry.mapper.mapping.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A preflight passes only when nothing blocks; blocking findings come first; the page says what to do. */
class PreflightReportTest {

    private static final CostEstimate.Model MODEL = new CostEstimate.Model(5000, 100, 2, 1, 16);

    private static PreflightReport build(dev.ferry.contracts.TargetMetadata m) {
        return PreflightReport.build("pf-1", Instant.EPOCH, "confirmed/v1", Fixtures.SPEC, new TargetView(m),
                PreflightReport.JsonDiscovery.NONE, Optional.of("front.desk@klinik.example"), MODEL);
    }

    @Test
    void anAccountThatHasEverythingPassesWithOnlyNotes() {
        PreflightReport r = build(PreflightFixtures.satisfied());
        assertThat(r.passed()).isTrue();
        assertThat(r.blocking()).isZero();
        assertThat(r.findings()).isNotEmpty().noneMatch(Finding::blocking);
        assertThat(PreflightDocuments.markdown(r)).contains("**PASSED**").contains("| Closed Won | 4 | 100 % | Won |");
    }

    @Test
    void oneMissingFieldBlocksAndComesFirst() {
        PreflightReport r = build(PreflightFixtures.withoutField(PreflightFixtures.satisfied(), "deals", "cf_billing_id"));
        assertThat(r.passed()).isFalse();
        assertThat(r.blocking()).isEqualTo(1);
        assertThat(r.findings().get(0).subject()).isEqualTo("deals.cf_billing_id");
        String page = PreflightDocuments.markdown(r);
        assertThat(page).contains("**BLOCKED**: 1 finding blocks").contains("| [ ] MISSING | deals | Billing id | `cf_billing_id` | text |");
    }

    @Test
    void withoutAConfirmedMapPreflightBlocksSayingToConfirmOne() {
        PreflightReport r = PreflightReport.noMap("pf-2", Instant.EPOCH, "no map is confirmed", "confirm one");
        assertThat(r.passed()).isFalse();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.check()).isEqualTo("map"));
        assertThat(PreflightDocuments.markdown(r)).contains("map: none confirmed");
        assertThat(PreflightDocuments.csv(r)).isEqualTo("module,label,field_name,type,picklist_values,status,source\r\n");
    }
}
