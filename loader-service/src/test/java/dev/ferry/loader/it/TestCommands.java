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
}
