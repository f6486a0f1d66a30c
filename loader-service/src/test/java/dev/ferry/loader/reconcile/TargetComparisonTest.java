package dev.ferry.loader.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.client.WriteTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetComparisonTest {

    private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");

    private final List<WrittenRecord> written = new ArrayList<>();
    private final TargetSnapshot snapshot = new TargetSnapshot();

    @Test
    void aTargetThatHoldsWhatFerryWroteIsClean() {
        migrated();
        TargetReconciliation r = compare(false);
        assertThat(r.findings()).isEmpty();
        assertThat(r.clean()).isTrue();
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.checked()).isEqualTo(5);
        assertThat(r.calls()).isEqualTo(7);
        assertThat(r.targets()).extracting(TargetSummary::target, TargetSummary::readBy)
                .contains(org.assertj.core.groups.Tuple.tuple("contacts", "view"),
                        org.assertj.core.groups.Tuple.tuple("notes", "parent"));
    }

    @Test
    void aChangedFieldIsDriftByNameAndItsValuesOnlyWhenAllowed() {
        migrated();
        contact(101, "P-1", "Changed");
        TargetReconciliation hidden = compare(false);
        assertThat(hidden.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.DRIFT);
            assertThat(f.record()).isEqualTo("patients/P-1");
            assertThat(f.freshsalesId()).isEqualTo(101);
            assertThat(f.fields()).containsExactly("last_name");
            assertThat(f.values()).isEmpty();
        });
        assertThat(FerryJson.encodeToString(hidden)).doesNotContain("Changed").doesNotContain("Original");
        TargetFinding shown = compare(true).findings().get(0);
        assertThat(shown.values()).singleElement().satisfies(v -> {
            assertThat(v.expected().asText()).isEqualTo("Original");
            assertThat(v.actual().asText()).isEqualTo("Changed");
        });
    }

    @Test
    void aDealThatLostItsContactAndAnActivityMovedElsewhereAreOrphansNotDrift() {
        migrated();
        snapshot.listed("deals", TargetSnapshot.VIEW, List.of(record(201, "TC-1").put("name", "Case")
                .set("contacts", FerryJson.mapper().createArrayNode())));
        ObjectNode moved = record(301, "A-1");
        moved.putArray("targetables").addObject().put("id", 999).put("type", "Contact");
        snapshot.listed("sales_activities", TargetSnapshot.LIST, List.of(moved));
        TargetReconciliation r = compare(false);
        assertThat(r.findings()).extracting(TargetFinding::kind, TargetFinding::record)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "treatment-cases/TC-1"),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "appointments/A-1"));
        assertThat(r.findings().get(0).detail()).contains("contact 101");
        assertThat(r.findings().get(1).detail()).isEqualTo("linked to Contact:999, Ferry linked Contact:101");
    }

    @Test
    void aDeletedParentMakesItsNotesItsDealAndItsActivityOrphansAndItselfMissing() {
        migrated();
        snapshot.listed("contacts", TargetSnapshot.VIEW, List.of());
        TargetSnapshot gone = new TargetSnapshot();
        gone.listed("contacts", TargetSnapshot.VIEW, List.of());
        gone.listed("sales_accounts", TargetSnapshot.VIEW, List.of(record(11, "C-1")));
        gone.listed("deals", TargetSnapshot.VIEW, List.of(deal()));
        gone.listed("sales_activities", TargetSnapshot.LIST, List.of(activity()));
        gone.parentGone("notes", "Contact:101");
        TargetReconciliation r = TargetComparison.compare("run-1", NOW, written, known(), gone, false);
        assertThat(r.findings()).extracting(TargetFinding::kind, TargetFinding::record).containsExactly(
                org.assertj.core.groups.Tuple.tuple(FindingKind.MISSING, "patients/P-1"),
                org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "treatment-cases/TC-1"),
                org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "clinical-notes/N-1"),
                org.assertj.core.groups.Tuple.tuple(FindingKind.ORPHAN, "appointments/A-1"));
    }

    @Test
    void anUnknownDentesIdIsSurplusAndTwoLiveRecordsOfOneIdAreADuplicate() {
        migrated();
        snapshot.listed("contacts", TargetSnapshot.VIEW, List.of(contactRecord(101, "P-1", "Original"),
                contactRecord(102, "P-1", "Original"), contactRecord(555, "P-NEVER", "X"),
                contactRecord(556, null, "Made by a person")));
        TargetReconciliation r = compare(false);
        assertThat(r.findings()).extracting(TargetFinding::kind, TargetFinding::freshsalesId, TargetFinding::dentesId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(FindingKind.DUPLICATE, 101L, "P-1"),
                        org.assertj.core.groups.Tuple.tuple(FindingKind.SURPLUS, 555L, "P-NEVER"));
        assertThat(r.findings().get(0).fields()).containsExactly("102");
        assertThat(r.counts()).containsEntry(FindingKind.SURPLUS, 1L).containsEntry(FindingKind.DUPLICATE, 1L);
    }

    @Test
    void aNoteNoLongerUnderItsParentIsMissingAndADocumentIsNotChecked() {
        migrated();
        snapshot.children("notes", "Contact:101", List.of());
        written.add(new WrittenRecord(SourceResource.ATTACHMENTS, "AT-1", 0, WriteTarget.of(FreshsalesTarget.DOCUMENT),
                701, null, FerryJson.mapper().createObjectNode(), "run-1"));
        snapshot.unreadable("documents");
        TargetReconciliation r = compare(false);
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.MISSING);
            assertThat(f.record()).isEqualTo("clinical-notes/N-1");
            assertThat(f.detail()).isEqualTo("not among the notes of its parent Contact:101");
        });
        assertThat(r.records()).isEqualTo(6);
        assertThat(r.checked()).isEqualTo(5);
    }

    /** A clinic, a patient on it, the patient's case (deal), appointment (activity) and note, all as Ferry wrote them. */
    private void migrated() {
        written.add(rec(SourceResource.CLINICS, "C-1", FreshsalesTarget.SALES_ACCOUNT, 11, "C-1",
                obj().put("name", "Clinic")));
        written.add(rec(SourceResource.PATIENTS, "P-1", FreshsalesTarget.CONTACT, 101, "P-1",
                obj().put("last_name", "Original")));
        ObjectNode deal = obj().put("name", "Case").put("sales_account_id", 11);
        deal.putArray("contacts_added_list").add(101);
        written.add(rec(SourceResource.TREATMENT_CASES, "TC-1", FreshsalesTarget.DEAL, 201, "TC-1", deal));
        written.add(rec(SourceResource.APPOINTMENTS, "A-1", FreshsalesTarget.SALES_ACTIVITY, 301, "A-1",
                obj().put("title", "Check-up").put("targetable_type", "Contact").put("targetable_id", 101)));
        written.add(rec(SourceResource.CLINICAL_NOTES, "N-1", FreshsalesTarget.NOTE, 401, null,
                obj().put("description", "text").put("targetable_type", "Contact").put("targetable_id", 101)));
        snapshot.listed("sales_accounts", TargetSnapshot.VIEW, List.of(record(11, "C-1").put("name", "Clinic")));
        contact(101, "P-1", "Original");
        snapshot.listed("deals", TargetSnapshot.VIEW, List.of(deal()));
        snapshot.listed("sales_activities", TargetSnapshot.LIST, List.of(activity()));
        ObjectNode note = obj().put("id", 401).put("description", "text");
        snapshot.children("notes", "Contact:101", List.of(note));
        snapshot.calls(7);
    }

    private ObjectNode deal() {
        ObjectNode d = record(201, "TC-1").put("name", "Case").put("sales_account_id", 11);
        d.putArray("contacts").addObject().put("id", 101);
        return d;
    }

    private ObjectNode activity() {
        ObjectNode a = record(301, "A-1").put("title", "Check-up");
        a.putArray("targetables").addObject().put("id", 101).put("type", "Contact");
        return a;
    }

    private void contact(long id, String dentesId, String lastName) {
        snapshot.listed("contacts", TargetSnapshot.VIEW, List.of(contactRecord(id, dentesId, lastName)));
    }

    private static ObjectNode contactRecord(long id, String dentesId, String lastName) {
        return record(id, dentesId).put("last_name", lastName);
    }

    private TargetReconciliation compare(boolean values) {
        return TargetComparison.compare("run-1", NOW, written, known(), snapshot, values);
    }

    private static Map<String, Set<String>> known() {
        return Map.of("contacts", Set.of("P-1"), "sales_accounts", Set.of("C-1"), "deals", Set.of("TC-1"),
                "sales_activities", Set.of("A-1"));
    }

    private static WrittenRecord rec(SourceResource resource, String sourceId, FreshsalesTarget target, long id,
            String dentesId, ObjectNode fields) {
        if (dentesId != null) {
            fields.putObject("custom_field").put("cf_dentes_id", dentesId);
        }
        return new WrittenRecord(resource, sourceId, 0, WriteTarget.of(target), id, dentesId, fields, "run-1");
    }

    private static ObjectNode record(long id, String dentesId) {
        ObjectNode o = obj().put("id", id);
        o.putObject("custom_field").put("cf_dentes_id", dentesId);
        return o;
    }

    private static ObjectNode obj() {
        return FerryJson.mapper().createObjectNode();
    }
}
