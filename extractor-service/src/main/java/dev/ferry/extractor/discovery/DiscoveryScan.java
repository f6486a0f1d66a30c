package dev.ferry.extractor.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.sourcetext.EmailAddresses;
import dev.ferry.sourcetext.PhoneNumbers;
import dev.ferry.sourcetext.TextKeys;
import dev.ferry.extractor.model.ModuleRecordId;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.service.UsableModuleKey;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules of discovery, applied to a tenant's records as they stream past, one at a time: nothing but counts,
 * 64-bit hashes, the first id of each grouping key and capped id lists is kept (see {@link #memoryBound()}), so a
 * practice of millions of records is read in bounded memory. Deleted (soft-deleted) records are counted and remembered
 * as deleted parents; every data-quality rule judges live records only (deleted ones are never migrated).
 *
 * <p>Feed order matters: {@link #ORDER} (parents before the records that refer to them), then each custom module's
 * records, then {@link #finish}. Patient values never leave this class: findings carry ids, rule names and counts.
 */
public final class DiscoveryScan {

    /** The order {@link TenantReader} reads the tenant in: every resource before the ones that refer to it. */
    public static final List<SourceResource> ORDER = List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS,
            SourceResource.CUSTOM_MODULES, SourceResource.PATIENTS, SourceResource.TREATMENT_CASES,
            SourceResource.APPOINTMENTS, SourceResource.CLINICAL_NOTES, SourceResource.RECALLS,
            SourceResource.BILLING_RECORDS, SourceResource.PRODUCTS, SourceResource.ATTACHMENTS,
            SourceResource.WORKFLOWS, SourceResource.INTEGRATIONS);

    /** The fields the source contract marks (req), per resource. */
    static final Map<SourceResource, List<String>> REQUIRED = required();

    /** A NUMBER as text: the contract's decimal form only (as the mapper judges it). */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern ISO_DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Limits of one scan. */
    public record Settings(long noteLimitBytes, int idsPerFinding, int groupsPerFinding, int idsPerGroup,
            String phoneRegion, int maxCustomFieldKeys) {

        public static Settings defaults() {
            return new Settings(32 * 1024, 100, 50, 20, "TR", 200);
        }
    }

    /** A live practitioner, kept for owner matching (staff, bounded by the practice's staff). */
    public record StaffMember(String id, String firstName, String lastName, String email, String role, boolean active) {
        public String name() {
            return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        }
    }

    private record Declared(String type, Set<String> choices) {
    }

    private static final class Module {
        String name;
        String cardinality;
        boolean deleted;
        final List<DiscoveryReport.ModuleField> fields = new ArrayList<>();
        final Map<String, Declared> declared = new LinkedHashMap<>();
        long live;
        long deletedRecords;
    }

    private final Settings settings;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final LongSet liveClinics = new LongSet();
    private final LongSet deletedClinics = new LongSet();
    private final LongSet livePractitioners = new LongSet();
    private final LongSet deletedPractitioners = new LongSet();
    private final LongSet livePatients = new LongSet();
    private final LongSet deletedPatients = new LongSet();
    private final List<String[]> clinicParents = new ArrayList<>();
    private final List<StaffMember> staff = new ArrayList<>();
    private final Map<String, Module> modules = new TreeMap<>();
    private final Map<String, Map<String, Long>> customFieldTypes = new TreeMap<>();
    private final Map<String, Long> customFieldRecords = new TreeMap<>();
    private long customFieldKeysDropped;
    private long attachments;
    private long attachmentBytes;
    private String largestAttachment;
    private long largestAttachmentBytes = -1;

    private final IdArena arena = new IdArena();
    private final KeyGroups duplicatePerson;
    private final KeyGroups duplicatePersonPhone;
    private final KeyGroups sharedEmail;
    private final Map<String, FindingBuilder> findings = new LinkedHashMap<>();

    public DiscoveryScan(Settings settings) {
        this.settings = settings;
        duplicatePerson = new KeyGroups("patient.duplicate-person", "patients", "first_name,last_name,date_of_birth",
                "Live patients with the same first name, last name (folded with Locale.ROOT, spaces collapsed) and date"
                        + " of birth: probably one person entered twice. Each group is one person.",
                arena, settings.groupsPerFinding(), settings.idsPerGroup());
        duplicatePersonPhone = new KeyGroups("patient.duplicate-person-same-phone", "patients",
                "first_name,last_name,date_of_birth,mobile_phone",
                "The strongest duplicates: same name and date of birth and the same mobile number (E.164).",
                arena, settings.groupsPerFinding(), settings.idsPerGroup());
        sharedEmail = new KeyGroups("patient.shared-email", "patients", "email",
                "Live patients sharing one e-mail address (folded): usually a family. Freshsales contacts are unique"
                        + " by e-mail, so only one of each group can keep it.",
                arena, settings.groupsPerFinding(), settings.idsPerGroup());
        REQUIRED.forEach((resource, fields) -> fields.forEach(f -> finding("required.missing", resource.path(), f,
                "Live records without a value in a field the source contract marks required (absent, null or"
                        + " blank).")));
        finding("patient.no-contact-channel", "patients", "email,mobile_phone",
                "Live patients with neither an e-mail nor a mobile number: no Freshsales contact can be made.");
        for (String[] f : new String[][] {{"patients", "email"}, {"practitioners", "email"}, {"clinics", "email"}}) {
            finding("email.invalid", f[0], f[1], "An e-mail address the mapper would refuse (one @, a dotted domain"
                    + " with an alphabetic top-level label, no spaces or commas; Turkish letters allowed).");
        }
        for (String[] f : new String[][] {{"patients", "mobile_phone"}, {"patients", "home_phone"},
                {"practitioners", "phone"}, {"clinics", "phone"}}) {
            finding("phone.invalid", f[0], f[1], "A phone number libphonenumber does not accept as valid (default"
                    + " region " + settings.phoneRegion() + "), as the mapper judges it.");
        }
        for (String[] f : new String[][] {{"patients", "clinic_id"}, {"patients", "primary_practitioner_id"},
                {"clinics", "parent_clinic_id"}, {"treatment-cases", "patient_id"}, {"appointments", "patient_id"},
                {"clinical-notes", "patient_id"}, {"recalls", "patient_id"}, {"billing-records", "patient_id"},
                {"custom-module-records", "patient_id"}}) {
            finding("reference.dangling", f[0], f[1], "A live record refers to a record that does not exist"
                    + " (missing) or is soft-deleted (deleted).");
        }
        finding("module.value-type", "custom-module-records", "values",
                "A custom-module value that does not fit its declared type (NUMBER, DATE as YYYY-MM-DD, BOOLEAN, CHOICE"
                        + " from the list), judged as the mapper does; by module.field (TYPE).");
        finding("module.value-undeclared", "custom-module-records", "values",
                "Values under a key the module's definition does not declare (such as the imaging module's AI"
                        + " settings): they have no field to go to.");
        finding("note.over-limit", "clinical-notes", "body", "Clinical notes whose body is longer than "
                + settings.noteLimitBytes() + " bytes of UTF-8 (the target's note limit): each must be split.");
        finding("appointment.nonpositive-duration", "appointments", "duration_minutes",
                "Live appointments whose duration is zero or negative: no end time can be computed.");
        for (String[] f : new String[][] {{"billing-records", BILLING_AMOUNTS}, {"treatment-cases", "estimated_amount"},
                {"products", "unit_price"}}) {
            finding("amount.not-decimal", f[0], f[1], "Money that is not a plain decimal (\"1250.00\"): written the"
                    + " Turkish way (\"1.250,00\") or as text; a record is counted once.");
        }
        finding("billing.without-case", "billing-records", "treatment_case_id",
                "Live billing records without a treatment case: their fields live on a case's deal, so they have no"
                        + " home.");
        finding("billing.coverage-over-100", "billing-records", "coverage_percent",
                "Insurance coverage above 100 % (or below 0).");
        finding("billing.credit-balance", "billing-records", "outstanding_balance",
                "A negative outstanding balance: the practice owes the patient.");
    }

    private static final String BILLING_AMOUNTS = "total_amount,paid_amount,outstanding_balance";

    private FindingBuilder finding(String rule, String resource, String field, String description) {
        return findings.computeIfAbsent(rule + "|" + resource + "|" + field,
                k -> new FindingBuilder(rule, resource, field, description, settings.idsPerFinding()));
    }

    private FindingBuilder existing(String rule, String resource, String field) {
        FindingBuilder f = findings.get(rule + "|" + resource + "|" + field);
        if (f == null) {
            throw new IllegalStateException("no rule " + rule + " for " + resource + "." + field);
        }
        return f;
    }

    /** A resource the tenant refused to serve (4xx): counted as unavailable rather than failing discovery. */
    public void unavailable(String resource, String why) {
        unavailable.put(resource, why);
        counts.computeIfAbsent(resource, k -> new long[3]);
    }

    /** Entries of a page that were not JSON objects. */
    public void invalid(String resource, int n) {
        counts.computeIfAbsent(resource, k -> new long[3])[2] += n;
    }

    /** One record of a resource other than custom-module records. */
    public void record(SourceResource resource, ObjectNode r) {
        long[] c = counts.computeIfAbsent(resource.path(), k -> new long[3]);
        String id = RecordKey.idOf(r);
        if (id == null) {
            c[2]++;
            return;
        }
        boolean deleted = RecordKey.deletedOf(r);
        c[deleted ? 1 : 0]++;
        long idHash = Hash64.of(id);
        switch (resource) {
            case PRACTITIONERS -> {
                (deleted ? deletedPractitioners : livePractitioners).add(idHash);
                if (!deleted) {
                    staff.add(new StaffMember(id, text(r, "first_name"), text(r, "last_name"), text(r, "email"),
                            text(r, "role"), !r.path("active").isBoolean() || r.path("active").asBoolean()));
                    checkEmail(r, id, "practitioners", "email");
                    checkPhone(r, id, "practitioners", "phone");
                }
            }
            case CLINICS -> {
                (deleted ? deletedClinics : liveClinics).add(idHash);
                if (!deleted) {
                    String parent = text(r, "parent_clinic_id");
                    if (parent != null && !parent.isBlank()) {
                        clinicParents.add(new String[] {id, parent});
                    }
                    checkEmail(r, id, "clinics", "email");
                    checkPhone(r, id, "clinics", "phone");
                }
            }
            case PATIENTS -> {
                (deleted ? deletedPatients : livePatients).add(idHash);
                if (!deleted) {
                    patient(r, id);
                }
            }
            case CUSTOM_MODULES -> definition(r, deleted);
            case ATTACHMENTS -> {
                if (!deleted) {
                    attachments++;
                    long size = r.path("size_bytes").asLong(0);
                    attachmentBytes += Math.max(0, size);
                    if (size > largestAttachmentBytes) {
                        largestAttachmentBytes = size;
                        largestAttachment = id;
                    }
                }
            }
            default -> { }
        }
        if (deleted) {
            return;
        }
        required(resource, r, id);
        switch (resource) {
            case TREATMENT_CASES, APPOINTMENTS, CLINICAL_NOTES, RECALLS, BILLING_RECORDS ->
                    reference(r, id, resource.path(), "patient_id", livePatients, deletedPatients);
            default -> { }
        }
        if (resource == SourceResource.APPOINTMENTS) {
            JsonNode d = r.get("duration_minutes");
            if (d != null && d.isNumber() && d.asDouble() <= 0) {
                existing("appointment.nonpositive-duration", "appointments", "duration_minutes").flag(id);
            }
        }
        if (resource == SourceResource.BILLING_RECORDS) {
            billing(r, id);
        }
        if (resource == SourceResource.TREATMENT_CASES && !isDecimal(r.get("estimated_amount"))) {
            existing("amount.not-decimal", "treatment-cases", "estimated_amount").flag(id);
        }
        if (resource == SourceResource.PRODUCTS && !isDecimal(r.get("unit_price"))) {
            existing("amount.not-decimal", "products", "unit_price").flag(id);
        }
        if (resource == SourceResource.CLINICAL_NOTES) {
            JsonNode body = r.get("body");
            if (body != null && body.isTextual() && utf8Length(body.asText()) > settings.noteLimitBytes()) {
                existing("note.over-limit", "clinical-notes", "body").flag(id);
            }
        }
    }

    /** One record of the custom module {@code moduleKey}. */
    public void moduleRecord(String moduleKey, ObjectNode r) {
        long[] c = counts.computeIfAbsent(SourceResource.CUSTOM_MODULE_RECORDS.path(), k -> new long[3]);
        String raw = RecordKey.idOf(r);
        if (raw == null) {
            c[2]++;
            return;
        }
        boolean deleted = RecordKey.deletedOf(r);
        c[deleted ? 1 : 0]++;
        Module m = modules.get(moduleKey);
        if (m != null) {
            if (deleted) {
                m.deletedRecords++;
            } else {
                m.live++;
            }
        }
        if (deleted) {
            return;
        }
        String id = ModuleRecordId.of(moduleKey, raw);
        required(SourceResource.CUSTOM_MODULE_RECORDS, r, id);
        reference(r, id, "custom-module-records", "patient_id", livePatients, deletedPatients);
        JsonNode values = r.get("values");
        if (m == null || values == null || !values.isObject()) {
            return;
        }
        String misfit = null;
        String undeclared = null;
        for (var it = values.fields(); it.hasNext(); ) {
            var e = it.next();
            Declared d = m.declared.get(e.getKey());
            if (d == null) {
                if (undeclared == null) {
                    undeclared = moduleKey + "." + e.getKey();
                }
                continue;
            }
            JsonNode v = e.getValue();
            if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
                continue;
            }
            if (misfit == null && !fits(v, d)) {
                misfit = moduleKey + "." + e.getKey() + " (" + d.type() + ")";
            }
        }
        if (misfit != null) {
            existing("module.value-type", "custom-module-records", "values").flag(id, misfit);
        }
        if (undeclared != null) {
            existing("module.value-undeclared", "custom-module-records", "values").flag(id, undeclared);
        }
    }

    private void billing(ObjectNode r, String id) {
        for (String f : BILLING_AMOUNTS.split(",")) {
            if (!isDecimal(r.get(f))) {
                existing("amount.not-decimal", "billing-records", BILLING_AMOUNTS).flag(id, f);
                break;
            }
        }
        if (isBlank(text(r, "treatment_case_id"))) {
            existing("billing.without-case", "billing-records", "treatment_case_id").flag(id);
        }
        JsonNode coverage = r.get("coverage_percent");
        if (coverage != null && (coverage.isNumber() || isDecimal(coverage) && coverage.isTextual())) {
            double c = coverage.isNumber() ? coverage.asDouble() : Double.parseDouble(coverage.asText().strip());
            if (c > 100 || c < 0) {
                existing("billing.coverage-over-100", "billing-records", "coverage_percent").flag(id);
            }
        }
        String outstanding = text(r, "outstanding_balance");
        if (outstanding != null && outstanding.strip().startsWith("-")) {
            existing("billing.credit-balance", "billing-records", "outstanding_balance").flag(id);
        }
    }

    /** Absent, null or blank (nothing to judge), a JSON number, or text of the contract's plain decimal form. */
    private static boolean isDecimal(JsonNode v) {
        if (v == null || v.isNull() || v.isNumber()) {
            return true;
        }
        return v.isTextual() && (v.asText().isBlank() || PLAIN_DECIMAL.matcher(v.asText().strip()).matches());
    }

    /** Whether a value fits its declared type, as the mapper's {@code ModuleRecords.misfit} judges it. */
    private static boolean fits(JsonNode v, Declared d) {
        return switch (d.type() == null ? "" : d.type()) {
            case "NUMBER" -> v.isNumber() || v.isTextual() && PLAIN_DECIMAL.matcher(v.asText().strip()).matches();
            case "BOOLEAN" -> v.isBoolean();
            case "DATE" -> v.isTextual() && isoDate(v.asText().strip());
            case "CHOICE" -> v.isTextual() && d.choices().contains(v.asText());
            case "TEXT" -> v.isValueNode();
            default -> true;
        };
    }

    private static boolean isoDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void definition(ObjectNode r, boolean deleted) {
        String key = UsableModuleKey.of(r);
        if (key == null) {
            return;
        }
        Module m = modules.computeIfAbsent(key, k -> new Module());
        m.name = text(r, "name");
        m.cardinality = text(r, "cardinality");
        m.deleted = deleted;
        m.fields.clear();
        m.declared.clear();
        for (JsonNode f : r.path("fields")) {
            String fk = f.path("key").isTextual() ? f.path("key").asText() : null;
            if (fk == null) {
                continue;
            }
            String type = f.path("type").isTextual() ? f.path("type").asText() : null;
            Set<String> choices = new LinkedHashSet<>();
            f.path("choices").forEach(ch -> choices.add(ch.asText()));
            m.declared.put(fk, new Declared(type, choices));
            m.fields.add(new DiscoveryReport.ModuleField(fk, f.path("label").isTextual() ? f.path("label").asText()
                    : null, type, choices.isEmpty() ? null : List.copyOf(choices)));
        }
    }

    private void patient(ObjectNode r, String id) {
        reference(r, id, "patients", "clinic_id", liveClinics, deletedClinics);
        reference(r, id, "patients", "primary_practitioner_id", livePractitioners, deletedPractitioners);
        String email = checkEmail(r, id, "patients", "email");
        String mobile = checkPhone(r, id, "patients", "mobile_phone");
        checkPhone(r, id, "patients", "home_phone");
        if (isBlank(text(r, "email")) && isBlank(text(r, "mobile_phone"))) {
            existing("patient.no-contact-channel", "patients", "email,mobile_phone").flag(id);
        }
        String first = nameKey(text(r, "first_name"));
        String last = nameKey(text(r, "last_name"));
        String dob = text(r, "date_of_birth");
        int ref = -1;
        if (!isBlank(first) && !isBlank(last) && !isBlank(dob)) {
            ref = arena.add(id);
            String person = first + "\u0000" + last + "\u0000" + dob.strip();
            duplicatePerson.add(Hash64.of(person), ref);
            if (mobile != null) {
                duplicatePersonPhone.add(Hash64.of(person + "\u0000" + mobile), ref);
            }
        }
        if (email != null) {
            sharedEmail.add(Hash64.of(email), ref >= 0 ? ref : arena.add(id));
        }
        JsonNode cf = r.get("custom_fields");
        if (cf != null && cf.isObject()) {
            for (var it = cf.fields(); it.hasNext(); ) {
                var e = it.next();
                customField("patients", e.getKey(), e.getValue());
            }
        }
    }

    private void customField(String resource, String key, JsonNode v) {
        String k = resource + "|" + key;
        Map<String, Long> types = customFieldTypes.get(k);
        if (types == null) {
            if (customFieldTypes.size() >= settings.maxCustomFieldKeys()) {
                customFieldKeysDropped++;
                return;
            }
            types = new TreeMap<>();
            customFieldTypes.put(k, types);
        }
        customFieldRecords.merge(k, 1L, Long::sum);
        String type = v == null || v.isNull() ? "null" : v.isBoolean() ? "boolean" : v.isNumber() ? "number"
                : v.isObject() ? "object" : v.isArray() ? "array"
                : ISO_DATE_SHAPE.matcher(v.asText()).matches() ? "date" : "text";
        types.merge(type, 1L, Long::sum);
    }

    private void required(SourceResource resource, ObjectNode r, String id) {
        for (String f : REQUIRED.getOrDefault(resource, List.of())) {
            JsonNode v = r.get(f);
            if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
                existing("required.missing", resource.path(), f).flag(id);
            }
        }
    }

    private void reference(ObjectNode r, String id, String resource, String field, LongSet live, LongSet deleted) {
        String ref = text(r, field);
        if (isBlank(ref)) {
            return;
        }
        long h = Hash64.of(ref.strip());
        if (!live.contains(h)) {
            existing("reference.dangling", resource, field).flag(id, deleted.contains(h) ? "deleted" : "missing");
        }
    }

    /** The folded e-mail when it is valid; flags an invalid one. */
    private String checkEmail(ObjectNode r, String id, String resource, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String folded = v.isTextual() ? EmailAddresses.fold(v.asText()) : "";
        if (folded == null) {
            return null;
        }
        if (!EmailAddresses.isValid(folded)) {
            existing("email.invalid", resource, field).flag(id);
            return null;
        }
        return folded;
    }

    /** The number in E.164 when it is valid; flags an invalid one. */
    private String checkPhone(ObjectNode r, String id, String resource, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            return null;
        }
        var e164 = v.isValueNode() ? PhoneNumbers.toE164(v.asText(), settings.phoneRegion())
                : java.util.Optional.<String>empty();
        if (e164.isEmpty()) {
            existing("phone.invalid", resource, field).flag(id);
            return null;
        }
        return e164.get();
    }

    /** The live practitioners, for owner matching. */
    public List<StaffMember> staff() {
        return List.copyOf(staff);
    }

    /** The custom-module keys defined (deleted definitions too), in ascending order. */
    public List<String> moduleKeys() {
        return List.copyOf(modules.keySet());
    }

    /** Bytes the scan's indexes hold now (hash tables and the id arena; small lists not counted). */
    public long indexBytes() {
        return liveClinics.bytes() + deletedClinics.bytes() + livePractitioners.bytes() + deletedPractitioners.bytes()
                + livePatients.bytes() + deletedPatients.bytes() + arena.bytes() + duplicatePerson.bytes()
                + duplicatePersonPhone.bytes() + sharedEmail.bytes();
    }

    public static String memoryBound() {
        return "per patient at most 16 B (its id hash) + 72 B (three grouping keys: name+birth date, the same with"
                + " the mobile, e-mail) + its id's length + 2 B; per clinic and practitioner 16 B (+ the practitioner's"
                + " name, e-mail and role, for owner matching); nothing per other record. Findings keep at most"
                + " idsPerFinding ids, and groupsPerFinding x idsPerGroup ids for grouping rules. Tables double when"
                + " half full, so the bound holds within a factor of two: about 100 MB for a million patients.";
    }

    /** The scan's report sections (owners and attachments' target limit are added by the caller). */
    public record Result(List<DiscoveryReport.ResourceCount> resources, List<DiscoveryReport.ModuleSummary> modules,
            List<DiscoveryReport.CustomFieldKey> customFields, List<DiscoveryReport.Finding> findings,
            long attachments, long attachmentBytes, String largestAttachment, long largestAttachmentBytes,
            long customFieldKeysDropped, long indexBytes) {
    }

    public Result finish() {
        for (String[] cp : clinicParents) {
            long h = Hash64.of(cp[1].strip());
            if (!liveClinics.contains(h)) {
                existing("reference.dangling", "clinics", "parent_clinic_id").flag(cp[0],
                        deletedClinics.contains(h) ? "deleted" : "missing");
            }
        }
        List<DiscoveryReport.ResourceCount> rc = new ArrayList<>();
        counts.forEach((r, c) -> rc.add(new DiscoveryReport.ResourceCount(r, c[0], c[1], c[2], unavailable.get(r))));
        List<DiscoveryReport.ModuleSummary> ms = new ArrayList<>();
        modules.forEach((k, m) -> ms.add(new DiscoveryReport.ModuleSummary(k, m.name, m.cardinality, m.deleted,
                List.copyOf(m.fields), m.live, m.deletedRecords)));
        List<DiscoveryReport.CustomFieldKey> cf = new ArrayList<>();
        customFieldTypes.forEach((k, types) -> {
            int bar = k.indexOf('|');
            cf.add(new DiscoveryReport.CustomFieldKey(k.substring(0, bar), k.substring(bar + 1),
                    customFieldRecords.getOrDefault(k, 0L), Map.copyOf(types)));
        });
        List<DiscoveryReport.Finding> fs = new ArrayList<>();
        int cap = settings.idsPerFinding();
        fs.add(duplicatePerson.build(cap));
        fs.add(duplicatePersonPhone.build(cap));
        fs.add(sharedEmail.build(cap));
        findings.values().forEach(f -> fs.add(f.build()));
        return new Result(rc, ms, cf, fs, attachments, attachmentBytes, largestAttachment,
                Math.max(0, largestAttachmentBytes), customFieldKeysDropped, indexBytes());
    }

    private static String text(ObjectNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String nameKey(String name) {
        if (name == null) {
            return null;
        }
        return SPACES.matcher(TextKeys.fold(TextKeys.strip(name))).replaceAll(" ");
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static Map<SourceResource, List<String>> required() {
        Map<SourceResource, List<String>> m = new EnumMap<>(SourceResource.class);
        m.put(SourceResource.PRACTITIONERS, List.of("first_name", "last_name"));
        m.put(SourceResource.CLINICS, List.of("name"));
        m.put(SourceResource.PATIENTS, List.of("clinic_id", "first_name", "last_name"));
        m.put(SourceResource.TREATMENT_CASES, List.of("patient_id", "clinic_id", "title"));
        m.put(SourceResource.APPOINTMENTS, List.of("patient_id", "clinic_id", "start_at", "duration_minutes"));
        m.put(SourceResource.CLINICAL_NOTES, List.of("patient_id", "body"));
        m.put(SourceResource.RECALLS, List.of("patient_id", "reason", "due_date"));
        m.put(SourceResource.BILLING_RECORDS, List.of("patient_id"));
        m.put(SourceResource.PRODUCTS, List.of("code", "name"));
        m.put(SourceResource.CUSTOM_MODULES, List.of("key"));
        m.put(SourceResource.CUSTOM_MODULE_RECORDS, List.of("patient_id"));
        return m;
    }
}
