package dev.ferry.loader.it;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TypedRef;
import java.util.List;
import java.util.Map;

/** Commands shaped as the mapper's agreement says (issue 4, section 2), with made-up, non-personal values. */
public final class TestCommands {

    private TestCommands() {
    }

    /** A clinic: an account upserted by name, {@code cf_dentes_id} set, optionally under a parent clinic. */
    public static LoadCommand clinic(String run, String id, String name, String parentId, boolean parentOptional) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("name", name);
        f.put("city", "Izmir");
        f.putObject("custom_field").put("cf_dentes_id", id);
        if (parentId != null) {
            f.set("parent_sales_account_id", (parentOptional ? TypedRef.optional(SourceResource.CLINICS, parentId)
                    : TypedRef.required(SourceResource.CLINICS, parentId)).toNode());
        }
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.CLINICS, id, 0,
                FreshsalesTarget.SALES_ACCOUNT, null, Map.of("name", name), f, id, "dentes-freshsales/v1", null,
                List.of());
    }

    public static LoadCommand clinic(String run, String id, String name) {
        return clinic(run, id, name, null, false);
    }

    /** A patient: a contact upserted by {@code cf_dentes_id}, primary account = its clinic. */
    public static LoadCommand patient(String run, String id, String clinicId, boolean clinicOptional) {
        return patient(run, id, clinicId, clinicOptional, "Patient " + id);
    }

    public static LoadCommand patient(String run, String id, String clinicId, boolean clinicOptional, String lastName) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("first_name", "Test");
        f.put("last_name", lastName);
        f.put("emails", id.toLowerCase() + "@patients.example.test");
        f.putObject("custom_field").put("cf_dentes_id", id).put("cf_recall_interval_months", 6);
        if (clinicId != null) {
            ObjectNode link = f.putArray("sales_accounts").addObject();
            link.set("id", (clinicOptional ? TypedRef.optional(SourceResource.CLINICS, clinicId)
                    : TypedRef.required(SourceResource.CLINICS, clinicId)).toNode());
            link.put("is_primary", true);
        }
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.PATIENTS, id, 0,
                FreshsalesTarget.CONTACT, null, Map.of("cf_dentes_id", id), f, id, "dentes-freshsales/v1", null,
                List.of());
    }

    /** The custom module the sandbox's seed holds (fields name, cf_dentes_id, cf_modality, cf_taken_on, cf_patient). */
    public static final String IMAGING = "cm_imaging_record";

    /**
     * An imaging record of a patient, as the mapper sends a MANY_PER_PATIENT module's record: a custom-module record
     * found again by {@code cf_dentes_id} ("imaging/" + id), {@code cf_patient} a required link to the patient's
     * contact (none when {@code patientId} is null), partitioned by the patient.
     */
    public static LoadCommand imaging(String run, String id, String patientId, String modality) {
        return customModuleRecord(run, id, patientId, modality, IMAGING);
    }

    /** As {@link #imaging}, under any entity name (a wrong one, to see it refused). */
    public static LoadCommand customModuleRecord(String run, String id, String patientId, String modality,
            String entity) {
        String sourceId = "imaging/" + id;
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("name", "Imaging " + id);
        ObjectNode cf = f.putObject("custom_field");
        cf.put("cf_dentes_id", sourceId).put("cf_modality", modality).put("cf_taken_on", "2024-03-01");
        if (patientId != null) {
            cf.set("cf_patient", TypedRef.required(SourceResource.PATIENTS, patientId).toNode());
        }
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.CUSTOM_MODULE_RECORDS, sourceId, 0,
                FreshsalesTarget.CUSTOM_MODULE_RECORD, entity, Map.of("cf_dentes_id", sourceId), f,
                patientId == null ? sourceId : patientId, "dentes-freshsales/v1", null, List.of());
    }

    /** The sandbox's integration user, a valid owner. */
    public static final long OWNER = 71000000001L;

    /**
     * An appointment as the mapper sends it (issue 10): a sales activity of type Meeting on the patient's contact,
     * found again in the contact's listing by {@code cf_dentes_id}.
     */
    public static LoadCommand appointment(String run, String id, String patientId) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("title", "Check-up appointment");
        f.put("sales_activity_type_id", 71000000802L);
        f.put("start_date", "2016-09-07T02:30:00+03:00").put("end_date", "2016-09-07T03:00:00+03:00");
        f.put("owner_id", OWNER).put("notes", "Type: Check-up\nChair: 2");
        f.put("targetable_type", "Contact");
        f.set("targetable_id", TypedRef.required(SourceResource.PATIENTS, patientId).toNode());
        f.putObject("custom_field").put("cf_dentes_id", id);
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.APPOINTMENTS, id, 0,
                FreshsalesTarget.SALES_ACTIVITY, null, Map.of("cf_dentes_id", id), f, patientId,
                "dentes-freshsales/v1", null, List.of());
    }

    /** A recall as the mapper sends it: a task on the patient's contact, found again by {@code cf_dentes_id}. */
    public static LoadCommand recall(String run, String id, String patientId) {
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("title", "6-month checkup");
        f.put("due_date", "2020-03-01T09:00:00+03:00").put("owner_id", OWNER).put("status", 0);
        f.put("description", "Recall interval: 6 months");
        f.put("targetable_type", "Contact");
        f.set("targetable_id", TypedRef.required(SourceResource.PATIENTS, patientId).toNode());
        f.putObject("custom_field").put("cf_dentes_id", id);
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.RECALLS, id, 0,
                FreshsalesTarget.TASK, null, Map.of("cf_dentes_id", id), f, patientId, "dentes-freshsales/v1", null,
                List.of());
    }

    /** A clinical note (one part) as the mapper sends it: found again in the contact's notes by its first line. */
    public static LoadCommand note(String run, String id, String patientId, int part) {
        String first = "[Dr.DENTES clinical-notes " + id + (part > 0 ? " part " + part : "") + "] Kontrol ğüşİı 🦷";
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("description", first + "\nBody of " + id);
        f.put("targetable_type", "Contact");
        f.set("targetable_id", TypedRef.required(SourceResource.PATIENTS, patientId).toNode());
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.CLINICAL_NOTES, id, part,
                FreshsalesTarget.NOTE, null, Map.of(FreshsalesTarget.NOTE_MARKER_KEY, first), f, patientId,
                "dentes-freshsales/v1", null, List.of());
    }

    /**
     * An attachment as the mapper sends it (issue 10): a document on the patient's contact, found again there by its
     * exact file name, which names the source id; the source file's metadata only, never its bytes.
     */
    public static LoadCommand document(String run, String id, String patientId, long size, String sha256) {
        String name = "[Dr.DENTES attachments " + id + "] röntgen " + id + ".png";
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.put("file_name", name);
        f.put("is_shared", false);
        f.put("targetable_type", "Contact");
        f.set("targetable_id", TypedRef.required(SourceResource.PATIENTS, patientId).toNode());
        f.putObject("source_file").put("attachment_id", id).put("content_type", "image/png").put("size_bytes", size)
                .put("sha256", sha256);
        return new LoadCommand(null, run, CommandKind.UPSERT, null, SourceResource.ATTACHMENTS, id, 0,
                FreshsalesTarget.DOCUMENT, null, Map.of(FreshsalesTarget.DOCUMENT_MARKER_KEY, name), f, patientId,
                "dentes-freshsales/v1", null, List.of());
    }
}
