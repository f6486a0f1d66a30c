package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.FALLBACK;
import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, leads on Freshsales Classic: a patient who never booked becomes a lead (the leads module) on a Classic
 * account, and a contact at a Lead-type stage on Suite; a lead carries only the fields the account's leads have; and a
 * record that belongs to a patient who became a lead ends {@code REJECTED parent.lead} with the reason its kind cannot
 * reach a lead (API reference), never a command that would bind a lead's id where a contact's belongs.
 */
class ClassicLeadRoutingTest {

    private static final ResourceMapping PATIENTS = SPEC.mappingFor(SourceResource.PATIENTS).orElseThrow();
    private static final ResourceMapping APPOINTMENTS = SPEC.mappingFor(SourceResource.APPOINTMENTS).orElseThrow();
    private static final ResourceMapping RECALLS = SPEC.mappingFor(SourceResource.RECALLS).orElseThrow();
    private static final ResourceMapping NOTES = SPEC.mappingFor(SourceResource.CLINICAL_NOTES).orElseThrow();
    private static final ResourceMapping CASES = SPEC.mappingFor(SourceResource.TREATMENT_CASES).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    /** The fixture account's metadata plus lead field definitions (a Classic account serves /settings/leads/fields). */
    private static TargetView withLeadFields() throws Exception {
        ObjectNode json = Fixtures.json(Fixtures.resource("target-metadata.json"));
        ((ObjectNode) json.get("fields")).set("leads", FerryJson.mapper().readTree("""
                [{"name": "first_name", "label": "First name", "type": "text"},
                 {"name": "last_name", "label": "Last name", "type": "text"},
                 {"name": "email", "label": "Email", "type": "text"},
                 {"name": "mobile_number", "label": "Mobile", "type": "text"},
                 {"name": "owner_id", "label": "Sales owner", "type": "dropdown"},
                 {"name": "lead_source_id", "label": "Source", "type": "dropdown"},
                 {"name": "cf_dentes_id", "label": "Dr.DENTES id", "type": "text"}]"""));
        return new TargetView(LoaderMetadataClient.parse(json.toString()));
    }

    private static MappingContext classic(Fixtures.Indexes idx, TargetView target) {
        return new MappingContext(Fixtures.RUN, SPEC.version(), target, idx, idx, idx, FALLBACK, Edition.CLASSIC, "TR",
                idx);
    }

    private LoadCommand patient(String overrides, MappingContext ctx) {
        MappingResult r = engine.map(PATIENTS, envelope(SourceResource.PATIENTS, Fixtures.patient("P-1", overrides)), ctx);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).commands().get(0);
    }

    @Test
    void aNeverBookedPatientIsALeadOnClassicAndABookedOneAContact() throws Exception {
        MappingContext classic = classic(standardIndexes(), Fixtures.target());
        assertThat(patient("{\"first_appointment_at\": null}", classic).target()).isEqualTo(FreshsalesTarget.LEAD);
        assertThat(patient("{\"first_appointment_at\": \"2024-01-05T10:00:00+03:00\"}", classic).target())
                .isEqualTo(FreshsalesTarget.CONTACT);
        MappingContext suite = Fixtures.context(standardIndexes());
        LoadCommand onSuite = patient("{\"first_appointment_at\": null}", suite);
        assertThat(onSuite.target()).as("Suite has no leads module").isEqualTo(FreshsalesTarget.CONTACT);
        assertThat(onSuite.fields().has("lifecycle_stage_id")).isTrue();
    }

    @Test
    void aLeadCarriesOnlyTheFieldsTheAccountsLeadsHaveAndAlwaysItsIdentifier() throws Exception {
        LoadCommand lead = patient("{\"first_appointment_at\": null}", classic(standardIndexes(), withLeadFields()));

        assertThat(lead.target()).isEqualTo(FreshsalesTarget.LEAD);
        assertThat(lead.identifier()).containsExactly(java.util.Map.entry("cf_dentes_id", "P-1"));
        assertThat(lead.fields().at("/custom_field/cf_dentes_id").asText()).isEqualTo("P-1");
        assertThat(lead.fields().get("email").asText()).as("leads keep one e-mail").isEqualTo("ayse.yilmaz@example.com");
        assertThat(lead.fields().has("emails")).isFalse();
        assertThat(lead.fields().has("city")).isFalse();
        assertThat(lead.fields().has("sales_accounts")).isFalse();
        assertThat(lead.fields().get("custom_field").has("cf_recall_interval_months")).isFalse();
        assertThat(lead.fields().get("last_name").asText()).isEqualTo("Yılmaz");
        assertThat(lead.notes()).contains("city left out: the account's leads have no such field",
                "custom_field.cf_recall_interval_months left out: the account's leads have no such field");
        assertThat(String.join("\n", lead.notes())).as("notes name fields, never values").doesNotContain("Kadıköy")
                .doesNotContain("1984");
    }

    @Test
    void withoutLeadFieldDefinitionsNothingIsGuessedBeyondTheContactOnlyLinks() {
        LoadCommand lead = patient("{\"first_appointment_at\": null}", classic(standardIndexes(), Fixtures.target()));
        assertThat(lead.fields().has("emails")).isTrue();
        assertThat(lead.fields().has("sales_accounts")).isFalse();
        assertThat(lead.fields().has("lifecycle_stage_id")).isFalse();
    }

    private static Fixtures.Indexes patientIsALead() {
        return standardIndexes().record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN)
                .record(SourceResource.PATIENTS, "P-000123", ReferenceIndex.State.KNOWN)
                .record(SourceResource.TREATMENT_CASES, "TC-7", ReferenceIndex.State.KNOWN)
                .decided(SourceResource.PATIENTS, "P-1", ParentDecisions.Decision.mappedTo(FreshsalesTarget.LEAD))
                .decided(SourceResource.PATIENTS, "P-000123", ParentDecisions.Decision.mappedTo(FreshsalesTarget.LEAD));
    }

    private Rejection rejected(ResourceMapping m, SourceResource r, String json) {
        MappingResult result = engine.map(m, envelope(r, json), classic(patientIsALead(), Fixtures.target()));
        assertThat(result).as(r.path()).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).rejection();
    }

    @Test
    void everyChildOfAPatientWhoBecameALeadIsRejectedWithTheReasonItsKindCannotReachALead() {
        Rejection appointment = rejected(APPOINTMENTS, SourceResource.APPOINTMENTS, """
                {"id": "A-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "start_at": "2024-03-31T10:00:00+03:00", "duration_minutes": 45, "status": "SCHEDULED",
                 "type": "CHECKUP", "updated_at": "2024-06-01T10:00:00+03:00"}""");
        Rejection recall = rejected(RECALLS, SourceResource.RECALLS, """
                {"id": "R-1", "patient_id": "P-1", "practitioner_id": "PR-1", "reason": "6-month checkup",
                 "interval_months": 6, "due_date": "2019-02-01", "status": "PENDING",
                 "updated_at": "2024-06-01T10:00:00+03:00"}""");
        Rejection note = rejected(NOTES, SourceResource.CLINICAL_NOTES, """
                {"id": "N-5", "patient_id": "P-1", "treatment_case_id": null, "author_id": "PR-1", "title": "Kontrol",
                 "body": "Hasta şikâyetsiz.", "note_type": "CLINICAL", "recorded_at": "2023-11-02T14:05:00+03:00",
                 "updated_at": "2024-06-01T10:00:00+03:00"}""");
        Rejection kase = rejected(CASES, SourceResource.TREATMENT_CASES, """
                {"id": "TC-000042", "patient_id": "P-000123", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "title": "Kanal tedavisi", "treatment_type": "ORTHODONTICS", "stage": "IN_TREATMENT",
                 "estimated_amount": "7.500,00", "currency": "TRY", "procedures": [],
                 "updated_at": "2024-04-01T10:00:00+03:00"}""");

        for (Rejection r : java.util.List.of(appointment, recall, note, kase)) {
            assertThat(r.rule()).isEqualTo(Rules.PARENT_LEAD);
            assertThat(r.field()).isEqualTo("patient_id");
            assertThat(r.message()).contains("became a lead on Freshsales Classic").doesNotContain("Kanal")
                    .doesNotContain("şikâyetsiz");
        }
        assertThat(appointment.message()).contains("documents no listing of a lead's activities");
        assertThat(note.message()).contains("Contact, SalesAccount or Deal");
        assertThat(kase.message()).contains("contacts_added_list");
        assertThat(recall.message()).contains("no Lead link for tasks");
    }

    @Test
    void aChildOfAPatientMappedToAContactIsUntouched() {
        Fixtures.Indexes idx = standardIndexes().record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN)
                .decided(SourceResource.PATIENTS, "P-1", ParentDecisions.Decision.mappedTo(FreshsalesTarget.CONTACT));
        MappingResult r = engine.map(RECALLS, envelope(SourceResource.RECALLS, """
                {"id": "R-1", "patient_id": "P-1", "practitioner_id": "PR-1", "reason": "6-month checkup",
                 "interval_months": 6, "due_date": "2019-02-01", "status": "PENDING",
                 "updated_at": "2024-06-01T10:00:00+03:00"}"""), classic(idx, Fixtures.target()));
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
    }
}
