package dev.ferry.mapper.mapping;

import dev.ferry.contracts.Rejection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every validation rule the mapper knows, with the sentence an operator reads when it fires. Messages are built only
 * from field names, resource names and source ids: never from the value that failed (patient data).
 *
 * <p>"Reject" rules end a record with a {@code REJECTED} outcome. "Drop" rules name why a single field was left out;
 * they appear as notes on the command, not as outcomes.
 */
public final class Rules {

    public static final String NAME_MISSING = "name.missing";
    public static final String EMAIL_INVALID = "email.invalid";
    public static final String EMAIL_DUPLICATE = "email.duplicate";
    public static final String REFERENCE_MISSING = "reference.missing";
    public static final String REFERENCE_UNKNOWN = "reference.unknown";
    public static final String OWNER_UNMATCHED = "owner.unmatched";
    public static final String RECORD_DELETED = "record.deleted";
    public static final String PHONE_INVALID = "phone.invalid";
    public static final String VALUE_NOT_A_DATE = "value.not-a-date";
    public static final String VALUE_NOT_AN_INTEGER = "value.not-an-integer";
    public static final String VALUE_NOT_A_BOOLEAN = "value.not-a-boolean";
    public static final String VALUE_UNMAPPED = "value.unmapped";
    public static final String LOOKUP_UNKNOWN = "lookup.unknown";
    public static final String CHOICE_UNKNOWN = "choice.unknown";
    public static final String MAPPING_MISSING = "mapping.missing";
    public static final String CONTACT_UNREACHABLE = "contact.unreachable";
    public static final String MAPPING_ERROR = "mapping.error";
    public static final String ID_MISSING = "id.missing";
    public static final String RECORD_UNREADABLE = "record.unreadable";
    public static final String PARENT_REJECTED = "parent.rejected";
    /** Issue 10: the record's patient became a lead on Freshsales Classic, which this kind of record cannot reach. */
    public static final String PARENT_LEAD = "parent.lead";
    public static final String AMOUNT_MISSING = "amount.missing";
    public static final String VALUE_NOT_A_NUMBER = "value.not-a-number";
    public static final String STAGE_UNKNOWN = "stage.unknown";
    public static final String VALUE_OUT_OF_RANGE = "value.out-of-range";
    public static final String BILLING_NO_CASE = "billing.no-case";
    public static final String BILLING_SEVERAL_PER_CASE = "billing.several-per-case";
    public static final String BILLING_CURRENCY_MISMATCH = "billing.currency-mismatch";
    public static final String MODULE_UNKNOWN = "module.unknown";
    public static final String MODULE_DEFINITION_INVALID = "module.definition-invalid";
    public static final String MODULE_NO_TARGET = "module.no-target";
    public static final String MODULE_VALUE_TYPE = "module.value-type";
    public static final String MODULE_SEVERAL_PER_PATIENT = "module.several-per-patient";
    public static final String APPOINTMENT_DURATION_NEGATIVE = "appointment.duration-negative";
    public static final String APPOINTMENT_START_MISSING = "appointment.start-missing";
    public static final String ACTIVITY_TYPE_UNKNOWN = "activity-type.unknown";
    public static final String RECALL_REASON_MISSING = "recall.reason-missing";
    public static final String RECALL_DUE_DATE_MISSING = "recall.due-date-missing";
    public static final String NOTE_BODY_MISSING = "note.body-missing";
    public static final String DOCUMENT_TOO_LARGE = "document.too-large";
    public static final String ATTACHMENT_INVALID = "attachment.invalid";

    /** Rule name → what it means, for the README, the spec check and {@code GET /mapping/rules}. */
    private static final Map<String, String> MEANINGS = new LinkedHashMap<>();

    static {
        MEANINGS.put(NAME_MISSING, "a required name field is absent or blank");
        MEANINGS.put(EMAIL_INVALID, "an e-mail address is present but is not a valid address");
        MEANINGS.put(EMAIL_DUPLICATE, "another record with a lower source id has the same e-mail address");
        MEANINGS.put(REFERENCE_MISSING, "a required link to another record is empty");
        MEANINGS.put(REFERENCE_UNKNOWN, "a link points at a record that does not exist in the source or was deleted");
        MEANINGS.put(OWNER_UNMATCHED, "a practitioner has no Freshsales user with the same e-mail address");
        MEANINGS.put(ID_MISSING, "the source record has no id, so nothing can find it again; the extractor names it"
                + " no-id-<hash of what it published> so the run still accounts for it");
        MEANINGS.put(RECORD_UNREADABLE, "the run's manifest names the record, but what reached the mapper under its id"
                + " cannot be decoded; it is in ferry.poison with its offset");
        MEANINGS.put(RECORD_DELETED, "the source reports the record as soft-deleted; it is not migrated");
        MEANINGS.put(PHONE_INVALID, "a phone number is not a valid number for the configured region");
        MEANINGS.put(VALUE_NOT_A_DATE, "a value is not a date");
        MEANINGS.put(VALUE_NOT_AN_INTEGER, "a value is not a whole number");
        MEANINGS.put(VALUE_NOT_A_BOOLEAN, "a value is not yes/no");
        MEANINGS.put(VALUE_UNMAPPED, "a code has no translation in the spec's lookup table");
        MEANINGS.put(LOOKUP_UNKNOWN, "a name matches no entry of the target account's list (lead sources, ...)");
        MEANINGS.put(CHOICE_UNKNOWN, "a value is not one of the choices of a Freshsales dropdown field");
        MEANINGS.put(CONTACT_UNREACHABLE, "a contact would have neither an e-mail address nor a mobile number once"
                + " invalid values are left out; Freshsales refuses such a contact");
        MEANINGS.put(PARENT_REJECTED, "the record belongs to a record that was itself rejected (a case of a rejected"
                + " patient), so it has nothing to attach to in Freshsales");
        MEANINGS.put(PARENT_LEAD, "the record's patient became a lead on Freshsales Classic (never booked), and this"
                + " kind of record cannot be attached to a lead safely: notes, documents and deals take contacts, accounts"
                + " and deals only; tasks have no documented Lead link; a sales activity may name a lead, but no listing"
                + " of a lead's activities is documented, so a lost answer could not be settled without risking a second"
                + " create. Once the patient books (a contact), a delta carries the record over");
        MEANINGS.put(AMOUNT_MISSING, "a required amount is absent or blank");
        MEANINGS.put(VALUE_NOT_A_NUMBER, "a value is not a decimal number (1.250,50 and 1250.50 both are)");
        MEANINGS.put(STAGE_UNKNOWN, "a stage code has no stage of the same name in the target pipeline: the record"
                + " loads in the pipeline's first stage, and the checklist lists the stage to add");
        MEANINGS.put(VALUE_OUT_OF_RANGE, "a number lies outside the range its field allows (a coverage over 100%)");
        MEANINGS.put(BILLING_NO_CASE, "a billing record names no treatment case: its fields live on the case's deal in"
                + " Freshsales, and without a case there is no deal to carry them");
        MEANINGS.put(BILLING_SEVERAL_PER_CASE, "another billing record of the same treatment case has the lower id and"
                + " fills the deal's billing fields; a deal has one set of them, and adding or choosing between two"
                + " policies or balances is a person's call, not the migration's");
        MEANINGS.put(BILLING_CURRENCY_MISMATCH, "a billing record's currency differs from its treatment case's: its"
                + " amounts would land on the deal as if they were in the deal's currency");
        MEANINGS.put(MODULE_UNKNOWN, "a custom-module record names a module the run read no definition of, so"
                + " nothing says what its values are or where they go");
        MEANINGS.put(MODULE_DEFINITION_INVALID, "a custom-module definition has no key, no known cardinality"
                + " (ONE_PER_PATIENT, MANY_PER_PATIENT) or an unreadable field list");
        MEANINGS.put(MODULE_NO_TARGET, "the Freshsales account has no custom module for a MANY_PER_PATIENT module's"
                + " records; an admin creates it (the field checklist names it) and the run is resumed");
        MEANINGS.put(MODULE_VALUE_TYPE, "a custom-module value does not fit the type its module declares (a DATE"
                + " field holding \"geçen hafta\", a NUMBER field holding \"yok\", a CHOICE outside its choices)");
        MEANINGS.put(MODULE_SEVERAL_PER_PATIENT, "a ONE_PER_PATIENT module has another record for the same patient"
                + " with the lower id, which fills the contact's fields; which of two is right is a person's call");
        MEANINGS.put(APPOINTMENT_DURATION_NEGATIVE, "an appointment's duration_minutes is below zero: its end would lie"
                + " before its start, and which of the two is wrong is a person's call (a zero duration migrates with end"
                + " = start, said in the outcome)");
        MEANINGS.put(APPOINTMENT_START_MISSING, "an appointment has no start time (start_at), which a Freshsales sales"
                + " activity requires");
        MEANINGS.put(ACTIVITY_TYPE_UNKNOWN, "the Freshsales account has no sales activity type for appointments (the"
                + " spec's candidates, e.g. Appointment or Meeting): an admin adds one and the run is resumed");
        MEANINGS.put(RECALL_REASON_MISSING, "a recall has no reason, which becomes its task's subject (title)");
        MEANINGS.put(RECALL_DUE_DATE_MISSING, "a recall has no due date, which a Freshsales task requires");
        MEANINGS.put(NOTE_BODY_MISSING, "a clinical note has no body: there is nothing to write into its Freshsales"
                + " note");
        MEANINGS.put(DOCUMENT_TOO_LARGE, "an attachment is larger than the Freshsales per-file limit (150 MB as"
                + " documented; the spec's max-bytes, or ferry.mapper.document-max-bytes): Freshsales would refuse it,"
                + " so it is not sent; it stays in Dr.DENTES and the outcome names its size and the limit");
        MEANINGS.put(ATTACHMENT_INVALID, "an attachment's metadata cannot be checked or placed: an owner_type other"
                + " than PATIENT, TREATMENT_CASE or CLINICAL_NOTE, no file name, a size that is not a whole number of"
                + " bytes, or a sha256 that is not 64 hex digits (the bytes are checked against it)");
        MEANINGS.put(MAPPING_MISSING, "the run's mapping spec has no mapping for the record's resource");
        MEANINGS.put(MAPPING_ERROR, "mapping the record failed unexpectedly (a bug, or a shape nobody foresaw); the"
                + " record is not migrated and the mapper's log says where");
    }

    private Rules() {
    }

    public static Map<String, String> meanings() {
        return Map.copyOf(MEANINGS);
    }

    public static Set<String> names() {
        return MEANINGS.keySet();
    }

    public static boolean exists(String rule) {
        return MEANINGS.containsKey(rule);
    }

    /** A rejection for a rule on a source field, with the operator's sentence. */
    public static Rejection reject(String rule, String field, String message) {
        return new Rejection(rule, field, message);
    }

    public static Rejection nameMissing(String field, String what) {
        return reject(NAME_MISSING, field, "The " + field + " is missing or blank; Freshsales needs it on every "
                + what + ". Fill it in Dr.DENTES and run again.");
    }

    public static Rejection required(String rule, String field, String what) {
        if (NAME_MISSING.equals(rule)) {
            return nameMissing(field, what);
        }
        if (BILLING_NO_CASE.equals(rule)) {
            return reject(rule, field, "The " + field + " is empty: a billing record's insurance and balances live on"
                    + " its treatment case's deal in Freshsales, and without a case there is no deal to carry them."
                    + " Attach it to its case in Dr.DENTES and run again.");
        }
        if (ACTIVITY_TYPE_UNKNOWN.equals(rule)) {
            return reject(rule, field, "The Freshsales account has no sales activity type for appointments (none of"
                    + " the spec's candidates for " + field + " is in its list). An admin adds one (Admin Settings, Sales activities) and the run is"
                    + " resumed.");
        }
        return reject(rule, field, "The " + field + " is missing or blank and this " + what + " cannot be migrated"
                + " without it (rule " + rule + ").");
    }

    public static Rejection invalid(String rule, String field, String reason) {
        if (EMAIL_INVALID.equals(rule)) {
            return reject(rule, field, "The " + field + " is not a valid e-mail address (one @, a domain with a dot,"
                    + " no spaces or commas). Correct or clear it in Dr.DENTES and run again.");
        }
        return reject(rule, field, "The " + field + " " + reason + ".");
    }

    /** A value that disagrees with the same fact of the record's parent (codes such as currencies, never names). */
    public static Rejection disagrees(String rule, String field, String value, String parentResource, String parentId,
            String parentValue) {
        if (BILLING_CURRENCY_MISMATCH.equals(rule)) {
            return reject(rule, field, "The " + field + " " + value + " differs from " + parentResource + " " + parentId
                    + "'s " + parentValue + ": the amounts would land on the deal as if they were in " + parentValue
                    + ". Correct the billing record's currency (or the case's) in Dr.DENTES and run again.");
        }
        return reject(rule, field, "The " + field + " differs from " + parentResource + " " + parentId + "'s.");
    }

    public static Rejection duplicate(String rule, String field, String resource, String keeper) {
        if (MODULE_SEVERAL_PER_PATIENT.equals(rule)) {
            return reject(rule, field, "The module allows one record per patient, and this patient has another one, "
                    + resource + " " + keeper + ", which has the lower id and fills the contact's fields. Merge the two"
                    + " in Dr.DENTES (or enter this one on the contact by hand).");
        }
        if (BILLING_SEVERAL_PER_CASE.equals(rule)) {
            return reject(rule, field, "The treatment case this billing record belongs to has another billing record, "
                    + resource + " " + keeper + ", which has the lower id and fills the deal's billing fields. A deal"
                    + " holds one set of them: reconcile the two in Dr.DENTES (or enter this one on the deal by hand).");
        }
        return reject(rule, field, "The " + field + " is also used by " + resource + " " + keeper
                + ", which has the lower id and keeps it; Freshsales keeps e-mail addresses unique. Merge the two"
                + " records in Dr.DENTES, or give this one its own address.");
    }

    /**
     * None of a {@code require-any} group's target fields holds a value. The rejection's field lists the source fields
     * ({@code email,mobile_phone}); the sentence names them and, for those left out as invalid, the rule that did it.
     *
     * @param leftOut source field → the drop rule that left its value out ({@code mobile_phone → phone.invalid})
     */
    public static Rejection noneOf(String rule, List<String> sourceFields, List<String> targetFields, String what,
            Map<String, String> leftOut) {
        String why = leftOut.isEmpty() ? "" : " (" + leftOut.entrySet().stream()
                .map(e -> e.getKey() + " was left out: " + e.getValue()).collect(Collectors.joining("; ")) + ")";
        String needs = CONTACT_UNREACHABLE.equals(rule)
                ? "a Freshsales " + what + " needs an e-mail address or a mobile number"
                : "Freshsales needs at least one of " + String.join(", ", targetFields) + " on every " + what;
        String none = sourceFields.size() == 1 ? "The " + sourceFields.get(0) + " holds no usable value"
                : "Neither " + String.join(" nor ", sourceFields) + " holds a usable value";
        return reject(rule, String.join(",", sourceFields), none + why
                + "; " + needs + ", so it would be refused. Fill in one of them in Dr.DENTES and run again.");
    }

    public static Rejection referenceMissing(String field, String resource) {
        return reject(REFERENCE_MISSING, field, "The " + field + " is empty; every record of this kind must belong to"
                + " one of the " + resource + ".");
    }

    public static Rejection referenceUnknown(String field, String resource, String id, boolean deleted) {
        return reject(REFERENCE_UNKNOWN, field, "The " + field + " points at " + resource + " " + id + ", which "
                + (deleted ? "is deleted in Dr.DENTES" : "does not exist in Dr.DENTES")
                + ", so the record has nothing to attach to. Move it to an existing one in Dr.DENTES.");
    }

    /**
     * The record's parent (by {@code field}) was rejected in this run: rejected at once (issue 9) instead of parking
     * in the loader for a parent that never comes.
     */
    public static Rejection parentRejected(String field, String resource, String id, String parentRule) {
        return reject(PARENT_REJECTED, field, "The " + field + " points at " + resource + " " + id + ", which was"
                + " rejected (" + parentRule + "), so this record has nothing to attach to in Freshsales. Fix that "
                + "record in Dr.DENTES and run again; this one follows it.");
    }

    /**
     * A child of a patient that became a Classic lead (issue 10): names the field, the parent and why this kind of
     * record cannot reach a lead, from the API reference; never a value.
     */
    public static Rejection parentIsLead(String field, String resource, String id,
            dev.ferry.contracts.FreshsalesTarget child) {
        return reject(PARENT_LEAD, field, "The " + field + " points at " + resource + " " + id + ", which became a lead"
                + " on Freshsales Classic (never booked); " + whyNotOnALead(child) + ". When the patient books, the"
                + " patient becomes a contact and a delta carries this record over; or migrate to Freshsales Suite.");
    }

    /** Why a record of this target cannot be attached to a Classic lead, citing the API reference's sections. */
    static String whyNotOnALead(dev.ferry.contracts.FreshsalesTarget child) {
        if (child == null) {
            return "this record cannot be attached to a lead";
        }
        return switch (child) {
            case NOTE -> "a note's targetable_type is Contact, SalesAccount or Deal (API reference 5.8), never Lead";
            case DOCUMENT -> "a document's targetable_type is Contact, SalesAccount, Deal or Product (API reference"
                    + " 5.13), never Lead";
            case DEAL -> "a deal links contacts only (contacts_added_list, API reference 5.3), never a lead";
            case TASK, APPOINTMENT -> "the API reference documents no Lead link for " + child.path() + " (5.6, 5.7)";
            case SALES_ACTIVITY -> "Classic accepts Lead as a sales activity's targetable_type (API reference 5.5), but"
                    + " documents no listing of a lead's activities, so a lost answer could not be settled without"
                    + " risking a second create";
            case CUSTOM_MODULE_RECORD -> "a custom module's patient field looks up contacts, never leads";
            default -> "a " + child.path() + " record cannot be attached to a lead";
        };
    }

    public static Rejection mappingMissing(String resource, String specVersion) {
        return reject(MAPPING_MISSING, "resource", "Mapping spec " + specVersion + " has no mapping for " + resource
                + "; the record is not migrated. Add one to the spec, or leave the resource out of the run.");
    }

    /**
     * Mapping failed unexpectedly: the record still ends with an outcome (issue 8, hole 5) instead of becoming poison,
     * since its identity is known. {@code step} names what failed and the exception type, never a value.
     */
    public static Rejection mappingError(String step) {
        return reject(MAPPING_ERROR, "record", "Mapping failed unexpectedly (" + step + "); the record is not migrated."
                + " Report it with the run and source id: the mapper's log names the place.");
    }

    public static Rejection recordDeleted() {
        return reject(RECORD_DELETED, "deleted", "The record is soft-deleted in Dr.DENTES and is not migrated.");
    }

    /**
     * A record without an id (issue 8, hole 5): it used to be counted "invalid" by the extractor and vanish from the
     * manifest; now it reaches the mapper under a name derived from its content and ends here, readable.
     */
    public static Rejection idMissing(String namedAs) {
        return reject(ID_MISSING, "id", "The record has no id in Dr.DENTES, so it cannot be migrated or found again;"
                + " Ferry names it " + namedAs + " for this run. Give it an id in Dr.DENTES and run a delta.");
    }

    public static Rejection moduleUnknown(String moduleKey) {
        return reject(MODULE_UNKNOWN, "module", "The record belongs to custom module '" + moduleKey + "', of which the"
                + " run read no definition (custom-modules), so nothing says what its values are or where they go."
                + " Include custom-modules in the run, or check the module in Dr.DENTES.");
    }

    public static Rejection moduleDefinitionInvalid(String what) {
        return reject(MODULE_DEFINITION_INVALID, "definition", "The custom-module definition " + what + "; its records"
                + " cannot be mapped. Correct the module's settings in Dr.DENTES and run again.");
    }

    public static Rejection moduleNoTarget(String moduleKey, String entity) {
        return reject(MODULE_NO_TARGET, "module", "Freshsales has no custom module " + entity + " for the records of"
                + " module '" + moduleKey + "'. Create it (the field checklist lists its fields) and resume the run.");
    }

    /** A value that does not fit its declared type; names the field and the type, never the value. */
    public static Rejection moduleValueType(String field, String declaredType, String expected) {
        return reject(MODULE_VALUE_TYPE, field, "The " + field + " does not fit its declared type " + declaredType
                + " (" + expected + "). Correct it in Dr.DENTES and run again.");
    }

    /** Whether a source record has an id the target can be matched by: text or a whole number, not blank. */
    public static boolean hasUsableId(com.fasterxml.jackson.databind.JsonNode payload) {
        com.fasterxml.jackson.databind.JsonNode id = payload == null ? null : payload.get("id");
        return id != null && (id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank();
    }

    /** {@code reason} is the decoder's, which names no value. */
    public static Rejection recordUnreadable(String reason) {
        return reject(RECORD_UNREADABLE, "record", "What reached Ferry for this record cannot be decoded (" + reason
                + "); it is listed in ferry.poison. Check the record in Dr.DENTES and run a delta.");
    }
}
