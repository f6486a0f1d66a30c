package dev.ferry.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the Freshsales account must hold after migrating practitioners, clinics, patients and treatment cases, derived
 * from the generated dataset and its trap manifest alone: this class shares no code with the mapper, so the end-to-end suite
 * checks the mapping rather than repeating it.
 */
final class ExpectedMigration {

    /** The traps that make a patient unmigratable on their own, with the rule the mapper must name. */
    static final Map<String, String> REJECTING_PATIENT_TRAPS = Map.of(
            "SOFT_DELETED", "record.deleted",
            "MISSING_REQUIRED_FIELD", "name.missing",
            "INVALID_EMAIL", "email.invalid",
            "DANGLING_PATIENT_CLINIC", "reference.unknown",
            "NO_CONTACT_CHANNEL", "contact.unreachable");

    final Map<String, JsonNode> practitioners;
    final Map<String, JsonNode> clinics;
    final Map<String, JsonNode> patients;
    final Map<String, JsonNode> cases;
    final Map<String, JsonNode> products;
    final Map<String, JsonNode> billing;
    /** Billing records the mapper must reject, with the rule it must name. */
    final Map<String, String> rejectedBilling = new TreeMap<>();
    /** Treatment case id → the billing record whose fields its deal carries. */
    final Map<String, String> billingOfCase = new TreeMap<>();
    final Set<String> rejectedProducts = new TreeSet<>();
    /** Custom-module definitions by module key. */
    final Map<String, JsonNode> modules = new TreeMap<>();
    /** Every custom-module record by its Ferry id, {@code <module key>/<record id>}. */
    final Map<String, JsonNode> moduleRecords = new TreeMap<>();
    /** Custom-module records the mapper must reject, with the rule it must name. */
    final Map<String, String> rejectedModuleRecords = new TreeMap<>();
    /** Appointments, recalls and clinical notes by id (issue 10). */
    final Map<String, JsonNode> appointments = new TreeMap<>();
    final Map<String, JsonNode> recalls = new TreeMap<>();
    final Map<String, JsonNode> notes = new TreeMap<>();
    /**
     * Workflows and integrations by id (issue 10): each ends DOCUMENTED (an entry of its rebuild document) unless
     * Dr.DENTES soft-deleted it (then REJECTED record.deleted).
     */
    final Map<String, JsonNode> workflows;
    final Map<String, JsonNode> integrations;
    /** Records of those three the mapper must reject, with the rule it must name, by resource then id. */
    final Map<String, Map<String, String>> rejectedChildren = new TreeMap<>();
    /** Treatment cases the mapper must reject, with the rule it must name. */
    final Map<String, String> rejectedCases = new TreeMap<>();
    final Set<String> rejectedClinics = new TreeSet<>();
    final Set<String> rejectedPatients = new TreeSet<>();
    /**
     * On a Freshsales Classic account (issue 10): the patients taken in who never booked, each a lead (the leads
     * module, no contact); everything that must hang on a patient's contact ends {@code REJECTED parent.lead} for
     * them. Empty on Suite, where such a patient is a contact at a Lead-type stage.
     */
    final Set<String> leadPatients = new TreeSet<>();
    /** Whether the account is on Freshsales Classic. */
    final boolean classic;
    final Set<String> unmatchedPractitioners = new TreeSet<>();
    /** practitioner id → Freshsales user id, for matched practitioners. */
    final Map<String, Long> ownerOf = new HashMap<>();

    ExpectedMigration(SourceDataset dataset, JsonNode users) {
        this(dataset, users, true);
    }

    /**
     * @param patientChildren whether the run migrates appointments, recalls and clinical notes too; without them
     *                        (the fault matrix's runs) none is expected anywhere
     */
    ExpectedMigration(SourceDataset dataset, JsonNode users, boolean patientChildren) {
        this(dataset, users, patientChildren, false);
    }

    /**
     * @param patientChildren whether the run migrates appointments, recalls and clinical notes too
     * @param classic         whether the account is on Freshsales Classic (never-booked patients become leads)
     */
    ExpectedMigration(SourceDataset dataset, JsonNode users, boolean patientChildren, boolean classic) {
        this.classic = classic;
        practitioners = dataset.records("practitioners");
        clinics = dataset.records("clinics");
        patients = dataset.records("patients");
        cases = dataset.records("treatment-cases");
        products = dataset.records("products");
        billing = dataset.records("billing-records");
        workflows = dataset.records("workflows");
        integrations = dataset.records("integrations");
        products.forEach((id, p) -> {
            if (p.path("deleted").asBoolean(false) || name(p.get("name")) == null || name(p.get("name")).isEmpty()) {
                rejectedProducts.add(id);
            }
        });
        Map<String, Long> userByEmail = new HashMap<>();
        for (JsonNode u : users) {
            userByEmail.put(fold(u.get("email").asText()), u.get("id").asLong());
        }
        for (JsonNode p : practitioners.values()) {
            String id = p.get("id").asText();
            Long user = p.path("deleted").asBoolean(false) || !p.hasNonNull("email") ? null
                    : userByEmail.get(fold(p.get("email").asText()));
            if (user == null) {
                unmatchedPractitioners.add(id);
            } else {
                ownerOf.put(id, user);
            }
        }
        rejectedClinics.addAll(dataset.trapped("SOFT_DELETED", "clinics"));
        for (String trap : REJECTING_PATIENT_TRAPS.keySet()) {
            rejectedPatients.addAll(dataset.trapped(trap, "patients"));
        }
        // A shared e-mail stays with the lowest source id among the patients the mapper takes in (not deleted, named,
        // with a valid address and a way to be reached); each other one keeps it in cf_shared_email and loads by its
        // mobile number, and only one without a mobile is rejected (contact.unreachable). The generator's mobiles are
        // all valid numbers. A duplicate of a deleted patient keeps the address, and so does the duplicate of a
        // patient whose clinic Dr.DENTES lacks or has deleted: that one is rejected, it holds nothing (issue 8, hole 8).
        Set<String> notTakenIn = new TreeSet<>();
        for (String trap : List.of("SOFT_DELETED", "MISSING_REQUIRED_FIELD", "INVALID_EMAIL", "NO_CONTACT_CHANNEL")) {
            notTakenIn.addAll(dataset.trapped(trap, "patients"));
        }
        Set<String> liveClinics = new TreeSet<>(clinics.keySet());
        liveClinics.removeAll(dataset.trapped("SOFT_DELETED", "clinics"));
        patients.forEach((id, p) -> {
            String clinic = p.path("clinic_id").asText(null);
            if (clinic == null || !liveClinics.contains(clinic)) {
                notTakenIn.add(id);
            }
        });
        Map<String, String> keeper = new HashMap<>();
        for (String id : new TreeSet<>(patients.keySet())) {
            JsonNode email = patients.get(id).get("email");
            if (notTakenIn.contains(id) || email == null || email.isNull() || email.asText().isBlank()) {
                continue;
            }
            if (keeper.putIfAbsent(fold(email.asText()), id) != null) {
                duplicateEmails.add(id);
            }
        }
        for (String id : duplicateEmails) {
            JsonNode mobile = patients.get(id).get("mobile_phone");
            if (mobile == null || mobile.isNull() || mobile.asText().isBlank()) {
                rejectedPatients.add(id);
            }
        }
        if (classic) {
            patients.forEach((id, p) -> {
                if (!rejectedPatients.contains(id) && isLead(p)) {
                    leadPatients.add(id);
                }
            });
        }
        // Treatment cases (issue 9): in the mapper's order of rules, a deleted case, then a missing title, then a
        // patient Dr.DENTES lacks or deleted, then a patient the mapper rejected (the case follows it at once).
        Set<String> deletedCases = new TreeSet<>(dataset.trapped("SOFT_DELETED", "treatment-cases"));
        cases.forEach((id, c) -> {
            String patient = c.path("patient_id").asText(null);
            JsonNode p = patient == null ? null : patients.get(patient);
            if (deletedCases.contains(id) || c.path("deleted").asBoolean(false)) {
                rejectedCases.put(id, "record.deleted");
            } else if (name(c.get("title")) == null || name(c.get("title")).isEmpty()) {
                rejectedCases.put(id, "name.missing");
            } else if (p == null || p.path("deleted").asBoolean(false)) {
                rejectedCases.put(id, "reference.unknown");
            } else if (rejectedPatients.contains(patient)) {
                rejectedCases.put(id, "parent.rejected");
            } else if (leadPatients.contains(patient)) {
                rejectedCases.put(id, "parent.lead");
            }
        });
        expectBilling(dataset);
        expectModules(dataset);
        if (patientChildren) {
            expectPatientChildren(dataset);
        }
    }

    /**
     * Appointments (sales activities), recalls (tasks) and clinical notes (notes), issue 10, in the order a person
     * checks them: deleted; a patient Dr.DENTES lacks or deleted (reference.unknown); a rejected patient
     * (parent.rejected); then each route's own rule: a negative duration, a recall without reason or due date, a note
     * without a body. A zero duration and a past due date load as they are.
     */
    void expectPatientChildren(SourceDataset dataset) {
        appointments.putAll(dataset.records("appointments"));
        recalls.putAll(dataset.records("recalls"));
        notes.putAll(dataset.records("clinical-notes"));
        expectChildren(dataset, "appointments", appointments, a -> a.path("duration_minutes").asInt(0) < 0
                ? "appointment.duration-negative" : null);
        expectChildren(dataset, "recalls", recalls, r -> name(r.get("reason")) == null || name(r.get("reason")).isEmpty()
                ? "recall.reason-missing" : !r.hasNonNull("due_date") ? "recall.due-date-missing" : null);
        expectChildren(dataset, "clinical-notes", notes, n -> !n.hasNonNull("body") || n.path("body").asText().isEmpty()
                ? "note.body-missing" : null);
    }

    private void expectChildren(SourceDataset dataset, String resource, Map<String, JsonNode> records,
            java.util.function.Function<JsonNode, String> ownRule) {
        Set<String> deleted = dataset.trapped("SOFT_DELETED", resource);
        Map<String, String> rejected = rejectedChildren.computeIfAbsent(resource, r -> new TreeMap<>());
        records.forEach((id, r) -> {
            String patient = r.path("patient_id").asText(null);
            JsonNode p = patient == null ? null : patients.get(patient);
            String rule;
            if (deleted.contains(id) || r.path("deleted").asBoolean(false)) {
                rule = "record.deleted";
            } else if (p == null || p.path("deleted").asBoolean(false)) {
                rule = "reference.unknown";
            } else if (rejectedPatients.contains(patient)) {
                rule = "parent.rejected";
            } else if (leadPatients.contains(patient)) {
                rule = "parent.lead";
            } else {
                rule = ownRule.apply(r);
            }
            if (rule != null) {
                rejected.put(id, rule);
            }
        });
    }

    /** Attachments by id (issue 10), when the run migrates them ({@link #expectAttachments}); else empty. */
    final Map<String, JsonNode> attachments = new TreeMap<>();
    /** Attachments that must be rejected, with the rule. */
    final Map<String, String> rejectedAttachments = new TreeMap<>();
    /**
     * Where each loaded attachment's document must be: {@code Contact|<patient id>} or {@code Deal|<case id>}.
     */
    final Map<String, String> attachmentParent = new TreeMap<>();

    /**
     * Attachments (issue 10), in the mapper's order: deleted; metadata it cannot check (attachment.invalid); an owner
     * Dr.DENTES lacks or deleted (reference.unknown); an owner the mapper rejected (parent.rejected: a rejected
     * patient, case or note); a file over 150 MB (document.too-large). A patient's goes on the contact, a case's on the
     * deal, a note's where the note went: its case's deal when that case loads, else its patient's contact. Needs
     * {@link #expectPatientChildren} first (the notes).
     */
    void expectAttachments(SourceDataset dataset) {
        attachments.putAll(dataset.records("attachments"));
        attachmentsFolder = dataset.folder.resolve("attachments");
        Set<String> deleted = dataset.trapped("SOFT_DELETED", "attachments");
        Set<String> loadedNotes = loadedChildren("clinical-notes");
        attachments.forEach((id, a) -> {
            String type = a.path("owner_type").asText("");
            String owner = a.path("owner_id").asText(null);
            String rule = null;
            String parent = null;
            if (deleted.contains(id) || a.path("deleted").asBoolean(false)) {
                rule = "record.deleted";
            } else if (!List.of("PATIENT", "TREATMENT_CASE", "CLINICAL_NOTE").contains(type)
                    || name(a.get("file_name")) == null || name(a.get("file_name")).isEmpty()
                    || !a.path("size_bytes").canConvertToLong() || a.path("size_bytes").asLong() < 0
                    || !a.path("sha256").asText("").matches("[0-9a-fA-F]{64}")) {
                rule = "attachment.invalid";
            } else {
                Map<String, JsonNode> owners = switch (type) {
                    case "PATIENT" -> patients;
                    case "TREATMENT_CASE" -> cases;
                    default -> notes;
                };
                JsonNode o = owner == null ? null : owners.get(owner);
                if (o == null || o.path("deleted").asBoolean(false)) {
                    rule = "reference.unknown";
                } else if (type.equals("PATIENT")) {
                    rule = rejectedPatients.contains(owner) ? "parent.rejected"
                            : leadPatients.contains(owner) ? "parent.lead" : null;
                    parent = "Contact|" + owner;
                } else if (type.equals("TREATMENT_CASE")) {
                    rule = rejectedCases.containsKey(owner) ? "parent.rejected" : null;
                    parent = "Deal|" + owner;
                } else if (!loadedNotes.contains(owner)) {
                    rule = "parent.rejected";
                } else {
                    String kase = o.path("treatment_case_id").asText(null);
                    parent = kase != null && loadedCases().contains(kase) ? "Deal|" + kase
                            : "Contact|" + o.path("patient_id").asText();
                }
                if (rule == null && a.path("size_bytes").asLong() > 157_286_400L) {
                    rule = "document.too-large";
                }
            }
            if (rule != null) {
                rejectedAttachments.put(id, rule);
            } else {
                attachmentParent.put(id, parent);
            }
        });
    }

    /** The SHA-256 (hex) of the dataset's file of an attachment ({@code attachments/<id>}), or its metadata's. */
    String fileSha256(String id) {
        java.nio.file.Path file = attachmentsFolder == null ? null : attachmentsFolder.resolve(id);
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            return attachments.get(id).path("sha256").asText().toLowerCase(java.util.Locale.ROOT);
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("reading " + file, e);
        }
    }

    /** Where the dataset keeps attachment bytes. */
    private java.nio.file.Path attachmentsFolder;

    /** The attachments that must become documents. */
    Set<String> loadedAttachments() {
        return without(attachments.keySet(), rejectedAttachments.keySet());
    }

    /** The records of {@code resource} (appointments, recalls, clinical-notes) that must load. */
    Set<String> loadedChildren(String resource) {
        Map<String, JsonNode> all = switch (resource) {
            case "appointments" -> appointments;
            case "recalls" -> recalls;
            default -> notes;
        };
        Set<String> out = new TreeSet<>(all.keySet());
        out.removeAll(rejectedChildren.getOrDefault(resource, Map.of()).keySet());
        return out;
    }

    /**
     * Custom-module records (issue 9), in the order a person checks them: deleted; no patient (reference.missing); a
     * patient Dr.DENTES lacks or deleted (reference.unknown); a rejected patient (parent.rejected); a value that does
     * not fit the type its module declares (module.value-type); a second record of one patient in a ONE_PER_PATIENT
     * module (module.several-per-patient; the lowest id keeps the contact's fields). Values inside {@code values} that
     * the definition does not declare (the imaging module's AI settings) are not migrated and reject nothing.
     */
    void expectModules(SourceDataset dataset) {
        dataset.records("custom-modules").values().forEach(d -> modules.put(d.path("key").asText(), d));
        Map<String, TreeSet<String>> onePerPatient = new TreeMap<>();
        modules.forEach((key, def) -> {
            Set<String> deleted = dataset.trapped("SOFT_DELETED", "custom-modules/" + key + "/records");
            dataset.records("custom-modules." + key + ".records").forEach((rawId, r) -> {
                String id = key + "/" + rawId;
                moduleRecords.put(id, r);
                String patient = r.path("patient_id").isNull() ? null : r.path("patient_id").asText(null);
                JsonNode p = patient == null ? null : patients.get(patient);
                boolean one = "ONE_PER_PATIENT".equals(def.path("cardinality").asText());
                if (deleted.contains(rawId) || r.path("deleted").asBoolean(false)) {
                    rejectedModuleRecords.put(id, "record.deleted");
                    return;
                }
                if (one) {
                    onePerPatient.computeIfAbsent(key + "/" + patient, k -> new TreeSet<>()).add(id);
                }
                if (patient == null) {
                    rejectedModuleRecords.put(id, "reference.missing");
                } else if (p == null || p.path("deleted").asBoolean(false)) {
                    rejectedModuleRecords.put(id, "reference.unknown");
                } else if (rejectedPatients.contains(patient)) {
                    rejectedModuleRecords.put(id, "parent.rejected");
                } else if (leadPatients.contains(patient)) {
                    rejectedModuleRecords.put(id, "parent.lead");
                } else if (!fitsDeclaredTypes(r.path("values"), def)) {
                    rejectedModuleRecords.put(id, "module.value-type");
                }
            });
        });
        onePerPatient.values().forEach(ids -> ids.tailSet(ids.first(), false)
                .forEach(id -> rejectedModuleRecords.putIfAbsent(id, "module.several-per-patient")));
    }

    /** The contract's types: a NUMBER is a number, a BOOLEAN true/false, a DATE YYYY-MM-DD, a CHOICE one of its own. */
    static boolean fitsDeclaredTypes(JsonNode values, JsonNode definition) {
        for (JsonNode f : definition.path("fields")) {
            JsonNode v = values.get(f.path("key").asText());
            if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
                continue;
            }
            boolean fits = switch (f.path("type").asText()) {
                case "NUMBER" -> v.isNumber() || v.isTextual() && v.asText().strip().matches("-?[0-9]+([.][0-9]+)?");
                case "BOOLEAN" -> v.isBoolean();
                case "DATE" -> v.isTextual() && isDate(v.asText().strip());
                case "CHOICE" -> {
                    boolean any = false;
                    for (JsonNode c : f.path("choices")) {
                        any |= v.isTextual() && c.asText().equals(v.asText());
                    }
                    yield any;
                }
                default -> v.isValueNode();
            };
            if (!fits) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDate(String s) {
        try {
            java.time.LocalDate.parse(s);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    Set<String> loadedModuleRecords() {
        return without(moduleRecords.keySet(), rejectedModuleRecords.keySet());
    }

    /** The module of a record's Ferry id. */
    JsonNode moduleOf(String recordId) {
        return modules.get(recordId.substring(0, recordId.indexOf('/')));
    }

    /**
     * Billing records (issue 9), in the mapper's order of rules: a deleted record; no case (billing.no-case); a case
     * Dr.DENTES lacks or deleted (reference.unknown); a rejected case (parent.rejected); a coverage outside 0-100
     * (value.out-of-range); a currency other than the case's (billing.currency-mismatch); then, of the records of one
     * case that pass the data-only checks, the lowest id fills the deal (unless its currency rejected it) and each
     * other one is rejected (billing.several-per-case).
     */
    void expectBilling(SourceDataset dataset) {
        Set<String> deleted = new TreeSet<>(dataset.trapped("SOFT_DELETED", "billing-records"));
        Set<String> deletedCases = new TreeSet<>(dataset.trapped("SOFT_DELETED", "treatment-cases"));
        Map<String, TreeSet<String>> standing = new TreeMap<>();
        billing.forEach((id, b) -> {
            String c = b.path("treatment_case_id").isNull() ? null : b.path("treatment_case_id").asText(null);
            JsonNode theCase = c == null ? null : cases.get(c.strip());
            if (deleted.contains(id) || b.path("deleted").asBoolean(false)) {
                rejectedBilling.put(id, "record.deleted");
            } else if (c == null || c.isBlank()) {
                rejectedBilling.put(id, "billing.no-case");
            } else if (theCase == null || deletedCases.contains(c) || theCase.path("deleted").asBoolean(false)) {
                rejectedBilling.put(id, "reference.unknown");
            } else if (rejectedCases.containsKey(c)) {
                rejectedBilling.put(id, "parent.rejected");
            } else if (new java.math.BigDecimal(b.path("coverage_percent").asText("0")).compareTo(
                    java.math.BigDecimal.valueOf(100)) > 0) {
                rejectedBilling.put(id, "value.out-of-range");
            } else {
                // Still a candidate for the case's deal, even when its currency then rejects it: a currency is judged
                // against the case, the deal's keeper by the data alone (so a person reconciles both by hand).
                standing.computeIfAbsent(c, k -> new TreeSet<>()).add(id);
                if (!b.path("currency").asText("").equalsIgnoreCase(theCase.path("currency").asText(""))) {
                    rejectedBilling.put(id, "billing.currency-mismatch");
                }
            }
        });
        standing.forEach((c, ids) -> {
            if (!rejectedBilling.containsKey(ids.first())) {
                billingOfCase.put(c, ids.first());
            }
            ids.tailSet(ids.first(), false).forEach(id -> rejectedBilling.putIfAbsent(id, "billing.several-per-case"));
        });
    }

    Set<String> loadedBilling() {
        return without(billing.keySet(), rejectedBilling.keySet());
    }

    /**
     * The Freshsales users of the clinic's matched office managers: who may own a deal whose own practitioner has
     * no user (the mapper takes the lowest practitioner id; any of them is a right answer here).
     */
    List<Long> officeManagerOwners(String clinicId) {
        List<Long> out = new java.util.ArrayList<>();
        practitioners.forEach((id, p) -> {
            boolean atClinic = false;
            for (JsonNode c : p.path("clinic_ids")) {
                atClinic |= c.asText().equals(clinicId);
            }
            if (atClinic && "OFFICE_MANAGER".equals(p.path("role").asText()) && ownerOf.containsKey(id)) {
                out.add(ownerOf.get(id));
            }
        });
        return out;
    }

    /** The ids of {@code all} but those in {@code rejected}: what must be loaded. */
    private static Set<String> without(Set<String> all, Set<String> rejected) {
        Set<String> ids = new TreeSet<>(all);
        ids.removeAll(rejected);
        return ids;
    }

    /** The workflows or integrations that must end DOCUMENTED: every one Dr.DENTES has not soft-deleted. */
    Set<String> documented(String resource) {
        Map<String, JsonNode> all = resource.equals("workflows") ? workflows : integrations;
        Set<String> out = new TreeSet<>();
        all.forEach((id, r) -> {
            if (!r.path("deleted").asBoolean(false)) {
                out.add(id);
            }
        });
        return out;
    }

    Set<String> loadedProducts() {
        return without(products.keySet(), rejectedProducts);
    }

    Set<String> loadedCases() {
        return without(cases.keySet(), rejectedCases.keySet());
    }

    /**
     * Patients whose e-mail an earlier migrated patient has: they keep it in cf_shared_email (or, without a mobile
     * number, are rejected as unreachable).
     */
    final Set<String> duplicateEmails = new TreeSet<>();

    Set<String> loadedClinics() {
        return without(clinics.keySet(), rejectedClinics);
    }

    Set<String> loadedPatients() {
        return without(patients.keySet(), rejectedPatients);
    }

    /** The patients that must be contacts: every loaded one but, on Classic, the leads. */
    Set<String> loadedContacts() {
        return without(loadedPatients(), leadPatients);
    }

    /** The practitioners the mapper must report as LINKED. */
    Set<String> linkedPractitioners() {
        return new TreeSet<>(ownerOf.keySet());
    }

    static boolean isLead(JsonNode patient) {
        return patient.path("first_appointment_at").isNull() || patient.path("first_appointment_at").isMissingNode();
    }

    /**
     * An amount as a person reads it: {@code 7500.00}, or the Turkish {@code 7.500,00} (dots group thousands, the comma
     * is the decimal mark); a leading minus is a credit.
     */
    static java.math.BigDecimal amount(String text) {
        String t = text.strip();
        if (t.contains(",")) {
            t = t.replace(".", "").replace(',', '.');
        }
        return new java.math.BigDecimal(t);
    }

    /** Names as a person would compare them: trimmed, inner whitespace collapsed. */
    static String name(JsonNode value) {
        return value == null || value.isNull() ? null : value.asText().strip().replaceAll("\\s+", " ");
    }

    /** E-mail addresses compare case-insensitively; a Turkish İ is a plain i, on any JVM locale. */
    static String fold(String email) {
        String s = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).replace("İ", "i");
        return s.toLowerCase(Locale.ROOT).replace("\u0307", "");
    }

    static Set<String> ids(List<JsonNode> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
