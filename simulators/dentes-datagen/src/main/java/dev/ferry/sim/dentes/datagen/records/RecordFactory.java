package dev.ferry.sim.dentes.datagen.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds one record of any resource, in the contract's field order, planting traps as the dice decide and reporting
 * each one to the context's {@link TrapSink}. The caller owns the timeline (which patient, when) and the ids; the
 * work is split by family: {@link SetupRecords}, {@link PatientRecords}, {@link CareRecords}.
 */
public final class RecordFactory {

    /** An attachment's metadata and bytes; the bytes go to {@code attachments/{id}}. */
    public record Attachment(ObjectNode record, byte[] content) {
    }

    private final PracticeContext ctx;
    private final SetupRecords setup;
    private final PatientRecords patients;
    private final CareRecords care;

    public RecordFactory(PracticeContext ctx) {
        this.ctx = ctx;
        this.setup = new SetupRecords(ctx);
        this.patients = new PatientRecords(ctx);
        this.care = new CareRecords(ctx);
    }

    public PracticeContext context() {
        return ctx;
    }

    /** The three modules every generated practice has. */
    public static List<ModuleDef> standardModules() {
        return SetupRecords.standardModules();
    }

    public ObjectNode clinic(String id, String parentId, String name, Places.City city, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
        return setup.clinic(id, parentId, name, city, createdAt, updatedAt);
    }

    public ObjectNode practitioner(String id, String role, List<String> clinicIds, boolean active,
                                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return setup.practitioner(id, role, clinicIds, active, createdAt, updatedAt);
    }

    public ObjectNode product(String id, TreatmentCatalogue.Item item, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return setup.product(id, item, createdAt, updatedAt);
    }

    public ObjectNode customModule(ModuleDef def, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return setup.customModule(def, createdAt, updatedAt);
    }

    public ObjectNode workflow(String id, int template, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return setup.workflow(id, template, createdAt, updatedAt);
    }

    public ObjectNode integration(String id, int template, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        return setup.integration(id, template, createdAt, updatedAt);
    }

    /** A patient; {@code firstAppointmentAt == null} makes an unconverted lead. See {@link PatientRecords}. */
    public ObjectNode patient(String id, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                              OffsetDateTime firstAppointmentAt, String mainTreatmentType) {
        return patients.patient(id, createdAt, updatedAt, firstAppointmentAt, mainTreatmentType);
    }

    public String randomTreatmentType() {
        return patients.randomTreatmentType();
    }

    public ObjectNode treatmentCase(String id, String patientId, String treatmentType, OffsetDateTime openedAt) {
        return care.treatmentCase(id, patientId, treatmentType, openedAt);
    }

    public ObjectNode billing(String id, ObjectNode treatmentCase) {
        return care.billing(id, treatmentCase);
    }

    public ObjectNode billingWithoutCase(String id, String patientId, java.time.OffsetDateTime at) {
        return care.billingWithoutCase(id, patientId, at);
    }

    public ObjectNode appointment(String id, String patientId, String treatmentCaseId, OffsetDateTime startAt,
                                  OffsetDateTime patientCreatedAt) {
        return care.appointment(id, patientId, treatmentCaseId, startAt, patientCreatedAt);
    }

    public ObjectNode clinicalNote(String id, String patientId, String treatmentCaseId, OffsetDateTime recordedAt) {
        return care.clinicalNote(id, patientId, treatmentCaseId, recordedAt);
    }

    public ObjectNode recall(String id, String patientId, ObjectNode lastAppointment, OffsetDateTime patientCreatedAt) {
        return care.recall(id, patientId, lastAppointment, patientCreatedAt);
    }

    public ObjectNode moduleRecord(String id, ModuleDef module, String patientId, String treatmentCaseId,
                                   OffsetDateTime at) {
        return care.moduleRecord(id, module, patientId, treatmentCaseId, at);
    }

    public Attachment attachment(String id, String ownerType, String ownerId, OffsetDateTime at) {
        return care.attachment(id, ownerType, ownerId, at);
    }
}
