package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: appointments become sales activities, recalls become tasks, both on the patient's contact. */
class ActivityRoutesTest {

    private static final ResourceMapping APPOINTMENTS = SPEC.mappingFor(SourceResource.APPOINTMENTS).orElseThrow();
    private static final ResourceMapping RECALLS = SPEC.mappingFor(SourceResource.RECALLS).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private static String appointment(String overrides) {
        JsonNode base = Fixtures.json("""
                {"id": "A-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "treatment_case_id": "TC-7", "start_at": "2024-03-31T02:30:00+03:00", "duration_minutes": 45,
                 "status": "SCHEDULED", "type": "CHECKUP", "chair": "Koltuk 2", "cancel_reason": null,
                 "notes": "Hasta diş ağrısından şikâyetçi 🦷", "created_at": "2024-01-01T10:00:00+03:00",
                 "updated_at": "2024-06-01T10:00:00+03:00"}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) base).setAll(Fixtures.json(overrides));
        return base.toString();
    }

    private static String recall(String overrides) {
        JsonNode base = Fixtures.json("""
                {"id": "R-1", "patient_id": "P-1", "practitioner_id": "PR-1", "reason": "6-month checkup",
                 "interval_months": 6, "due_date": "2019-02-01", "status": "PENDING", "last_appointment_id": "A-1",
                 "last_appointment_at": "2018-08-01T10:00:00+03:00", "completed_at": null,
                 "created_at": "2018-08-01T10:00:00+03:00", "updated_at": "2024-06-01T10:00:00+03:00"}""");
        ((com.fasterxml.jackson.databind.node.ObjectNode) base).setAll(Fixtures.json(overrides));
        return base.toString();
    }

    /** The standard indexes, with the patient P-1 in the source. */
    private static Fixtures.Indexes indexes() {
        return standardIndexes().record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN);
    }

    private LoadCommand mapped(ResourceMapping m, SourceResource r, String json) {
        MappingResult result = engine.map(m, envelope(r, json), context(indexes()));
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).command();
    }

    private Rejection rejected(ResourceMapping m, SourceResource r, String json) {
        MappingResult result = engine.map(m, envelope(r, json), context(indexes()));
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        Rejection rejection = ((MappingResult.Rejected) result).rejection();
        assertThat(rejection.message()).as("rules name fields, never values")
                .doesNotContain("şikâyetçi", "-15", "Koltuk", "checkup");
        return rejection;
    }

    @Test
    void anAppointmentBecomesASalesActivityOfTheAppointmentTypeOnThePatientsContact() {
        LoadCommand c = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{}"));
        JsonNode f = c.fields();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.SALES_ACTIVITY);
        assertThat(c.identifier()).containsExactly(Map.entry("cf_dentes_id", "A-1"));
        assertThat(c.partitionKey()).as("with the patient's other records").isEqualTo("P-1");
        assertThat(f.get("title").asText()).isEqualTo("Appointment: Check-up");
        assertThat(f.get("sales_activity_type_id").asLong()).as("the account's Meeting type").isEqualTo(71000000802L);
        assertThat(f.get("owner_id").asLong()).isEqualTo(1001);
        assertThat(f.get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(TypedRef.fromNode(f.get("targetable_id"))).isEqualTo(TypedRef.required(SourceResource.PATIENTS, "P-1"));
        assertThat(f.at("/custom_field/cf_dentes_id").asText()).isEqualTo("A-1");
        assertThat(f.get("notes").asText()).isEqualTo("""
                Type: Check-up
                Status: Scheduled
                Chair: Koltuk 2
                Duration (minutes): 45
                Dr.DENTES clinic: C-1
                Dr.DENTES treatment case: TC-7
                Dr.DENTES appointment: A-1
                Notes: Hasta diş ağrısından şikâyetçi 🦷""");
    }

    /**
     * Regression guard for the DST trap: Turkey has kept +03:00 all year since September 2016, so 02:30 on the night
     * clocks used to jump is a real time and keeps its instant; the end is start + duration in the same offset.
     */
    @Test
    void startKeepsItsInstantAndEndIsStartPlusTheDuration() {
        LoadCommand c = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{}"));
        assertThat(c.fields().get("start_date").asText()).isEqualTo("2024-03-31T02:30:00+03:00");
        assertThat(c.fields().get("end_date").asText()).isEqualTo("2024-03-31T03:15:00+03:00");
        LoadCommand local = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS,
                appointment("{\"start_at\": \"2024-03-31T02:30:00\", \"duration_minutes\": 30}"));
        assertThat(OffsetDateTime.parse(local.fields().get("start_date").asText()).toInstant())
                .as("a start without an offset is a local time of Europe/Istanbul")
                .isEqualTo(Instant.parse("2024-03-30T23:30:00Z"));
        assertThat(local.fields().get("end_date").asText()).isEqualTo("2024-03-31T03:00:00+03:00");
        assertThat(local.notes()).anyMatch(n -> n.contains("has no offset; read in Europe/Istanbul"));
    }

    @Test
    void aZeroDurationEndsAtItsStartAndSaysSo() {
        LoadCommand c = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{\"duration_minutes\": 0}"));
        assertThat(c.fields().get("end_date").asText()).isEqualTo(c.fields().get("start_date").asText());
        assertThat(c.notes()).contains("end_date equals start_date: the duration_minutes is 0");
    }

    @Test
    void aNegativeDurationIsRejectedNamingTheField() {
        Rejection r = rejected(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{\"duration_minutes\": -15}"));
        assertThat(r.rule()).isEqualTo("appointment.duration-negative");
        assertThat(r.field()).isEqualTo("duration_minutes");
        Rejection text = rejected(APPOINTMENTS, SourceResource.APPOINTMENTS,
                appointment("{\"duration_minutes\": \"kırk\"}"));
        assertThat(text.rule()).isEqualTo("value.not-an-integer");
        assertThat(text.field()).isEqualTo("duration_minutes");
        Rejection noStart = rejected(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{\"start_at\": null}"));
        assertThat(noStart.rule()).isEqualTo("appointment.start-missing");
    }

    @Test
    void cancelledAndNoShowAppointmentsMigrateWithTheirStatusAndCancelReason() {
        LoadCommand cancelled = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS,
                appointment("{\"status\": \"CANCELLED\", \"cancel_reason\": \"Hasta aradı\"}"));
        assertThat(cancelled.fields().get("notes").asText()).contains("Status: Cancelled\nCancel reason: Hasta aradı\n");
        LoadCommand noShow = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{\"status\": \"NO_SHOW\"}"));
        assertThat(noShow.fields().get("notes").asText()).contains("Status: No-show\n");
    }

    @Test
    void controlCharactersInAnAppointmentsNotesAreShownAsControlPictures() {
        LoadCommand c = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{\"notes\": \"a\\u0000b\\tc\\nd\"}"));
        assertThat(c.fields().get("notes").asText()).endsWith("Notes: a\u2400b\tc\nd");
    }

    @Test
    void theOwnerIsThePractitionersUserElseTheFallbackOwner() {
        assertThat(mapped(APPOINTMENTS, SourceResource.APPOINTMENTS, appointment("{}")).fields().get("owner_id")
                .asLong()).isEqualTo(1001);
        LoadCommand unmatched = mapped(APPOINTMENTS, SourceResource.APPOINTMENTS,
                appointment("{\"practitioner_id\": \"PR-2\"}"));
        assertThat(unmatched.fields().get("owner_id").asLong()).isEqualTo(1003);
        assertThat(unmatched.notes()).anyMatch(n -> n.startsWith("owner fell back to the default user"));
        LoadCommand none = mapped(RECALLS, SourceResource.RECALLS, recall("{\"practitioner_id\": null}"));
        assertThat(none.fields().get("owner_id").asLong()).isEqualTo(1003);
    }

    @Test
    void anAppointmentOfARejectedPatientIsRejectedAtOnce() {
        Fixtures.Indexes idx = indexes().decided(SourceResource.PATIENTS, "P-1",
                new ParentDecisions.Decision(ParentDecisions.Kind.REJECTED, "email.invalid"));
        MappingResult r = engine.map(APPOINTMENTS, envelope(SourceResource.APPOINTMENTS, appointment("{}")), context(idx));
        assertThat(((MappingResult.Rejected) r).rejection().rule()).isEqualTo("parent.rejected");
        MappingResult task = engine.map(RECALLS, envelope(SourceResource.RECALLS, recall("{}")), context(idx));
        assertThat(((MappingResult.Rejected) task).rejection().rule()).isEqualTo("parent.rejected");
    }

    @Test
    void aRecallBecomesAnOpenTaskDueWhenDrDentesSaysEvenInThePast() {
        LoadCommand c = mapped(RECALLS, SourceResource.RECALLS, recall("{}"));
        JsonNode f = c.fields();
        assertThat(c.target()).isEqualTo(FreshsalesTarget.TASK);
        assertThat(c.identifier()).containsExactly(Map.entry("cf_dentes_id", "R-1"));
        assertThat(f.get("title").asText()).isEqualTo("6-month checkup");
        assertThat(f.get("due_date").asText()).as("a past date kept; noon in Istanbul keeps its calendar day")
                .isEqualTo("2019-02-01T12:00:00+03:00");
        assertThat(f.get("status").asInt()).isZero();
        assertThat(f.get("owner_id").asLong()).isEqualTo(1001);
        assertThat(f.get("targetable_type").asText()).isEqualTo("Contact");
        assertThat(TypedRef.fromNode(f.get("targetable_id"))).isEqualTo(TypedRef.required(SourceResource.PATIENTS, "P-1"));
        assertThat(f.get("description").asText()).isEqualTo("""
                Recall interval (months): 6
                Triggered by Dr.DENTES appointment: A-1
                Last appointment at: 2018-08-01T10:00:00+03:00
                Status: Pending
                Dr.DENTES recall: R-1""");
    }

    @Test
    void aCompletedRecallIsAClosedTaskKeepingItsCompletionDateInText() {
        LoadCommand c = mapped(RECALLS, SourceResource.RECALLS,
                recall("{\"status\": \"COMPLETED\", \"completed_at\": \"2019-02-03T11:00:00+03:00\"}"));
        assertThat(c.fields().get("status").asInt()).isEqualTo(1);
        assertThat(c.fields().get("description").asText())
                .contains("Status: Completed\nCompleted at: 2019-02-03T11:00:00+03:00");
    }

    @Test
    void aCancelledRecallIsAClosedTaskSayingItWasCancelledNotDone() {
        LoadCommand c = mapped(RECALLS, SourceResource.RECALLS, recall("{\"status\": \"CANCELLED\"}"));
        assertThat(c.fields().get("status").asInt()).isEqualTo(1);
        assertThat(c.fields().get("description").asText())
                .contains("Status: Cancelled in Dr.DENTES (closed by the migration, not done)");
    }

    @Test
    void aRecallWithoutReasonOrDueDateIsRejectedNamingTheField() {
        Rejection reason = rejected(RECALLS, SourceResource.RECALLS, recall("{\"reason\": \"  \"}"));
        assertThat(reason.rule()).isEqualTo("recall.reason-missing");
        assertThat(reason.field()).isEqualTo("reason");
        Rejection due = rejected(RECALLS, SourceResource.RECALLS, recall("{\"due_date\": null}"));
        assertThat(due.rule()).isEqualTo("recall.due-date-missing");
        Rejection notADate = rejected(RECALLS, SourceResource.RECALLS, recall("{\"due_date\": \"gelecek ay\"}"));
        assertThat(notADate.rule()).isEqualTo("value.not-a-date");
        assertThat(notADate.field()).isEqualTo("due_date");
    }

    @Test
    void theExtractorPublishesWhatTheseRoutesRead() {
        assertThat(APPOINTMENTS.sourceFields()).contains("start_at", "duration_minutes", "patient_id",
                "practitioner_id", "status", "cancel_reason", "chair", "type", "notes", "clinic_id", "treatment_case_id");
        assertThat(RECALLS.sourceFields()).contains("reason", "due_date", "interval_months", "last_appointment_id",
                "last_appointment_at", "completed_at", "status", "practitioner_id", "patient_id");
    }
}
