package dev.ferry.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.stack.Component;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one invariant every run of the system suite ends with, whatever fault it went through (issue 8): every source
 * record of the run (practitioners, clinics, patients, products, treatment cases) ends with exactly one terminal
 * outcome of the kind its data calls for (loaded, rejected with a rule and a field; never failed here, since no fault
 * in the matrix is permanent); the Freshsales sandbox holds each loaded record exactly once, with the fields of its
 * source version; nothing is left deferred, pending, parked or in an open write-ahead intent, and the audit's
 * reconciliation balances.
 *
 * <p>It counts instead of stopping at the first difference, so a soak can print how many records each row lost,
 * duplicated or ended wrongly; {@link Result#details()} names the first records behind each number.
 */
final class MigrationInvariant {

    /** The kinds a record that should arrive may end with (a workflow or an integration arrives in its document). */
    private static final Set<OutcomeKind> LOADED = EnumSet.of(OutcomeKind.CREATED, OutcomeKind.UPDATED,
            OutcomeKind.UNCHANGED, OutcomeKind.LINKED, OutcomeKind.DOCUMENTED);
    private static final Set<OutcomeKind> TERMINAL = EnumSet.of(OutcomeKind.CREATED, OutcomeKind.UPDATED,
            OutcomeKind.UNCHANGED, OutcomeKind.LINKED, OutcomeKind.REJECTED, OutcomeKind.FAILED,
            OutcomeKind.DOCUMENTED);
    /** How many lines of detail a result keeps ({@code -Dferry.invariant.detail-lines} to see more). */
    private static final int DETAIL_LINES = Integer.getInteger("ferry.invariant.detail-lines", 12);

    /** What one run came to. */
    record Result(String row, int records, int lost, int duplicated, int wrongTerminal, int staleFields, int leftOpen,
            boolean balanced, Duration took, List<String> details) {

        boolean holds() {
            return balanced && lost == 0 && duplicated == 0 && wrongTerminal == 0 && staleFields == 0 && leftOpen == 0;
        }

        String describe() {
            return row + ": " + records + " records, lost " + lost + ", duplicated " + duplicated + ", wrong terminal "
                    + wrongTerminal + ", stale fields " + staleFields + ", left open " + leftOpen + ", balanced "
                    + balanced + (details.isEmpty() ? "" : "\n  " + String.join("\n  ", details));
        }
    }

    private MigrationInvariant() {
    }

    /** Waits for the run to settle (balanced, or no progress for {@code stall}), then counts. */
    static Result check(String row, E2eStack e2e, ExpectedMigration expected, String runId, Duration stall,
            long startedNanos) {
        JsonNode rec = e2e.driver.awaitBalanced(runId, stall, Duration.ofSeconds(2), r -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        Counter n = new Counter();
        n.balanced = rec != null && rec.path("balanced").asBoolean();
        if (!n.balanced) {
            n.detail("reconciliation not balanced: " + (rec == null ? "none" : rec.toString()));
        }
        Map<String, List<LoadOutcome>> outcomes = outcomesOf(e2e, runId);
        checkOutcomes(n, outcomes, "practitioners", expected.practitioners.keySet(), expected.linkedPractitioners());
        checkOutcomes(n, outcomes, "clinics", expected.clinics.keySet(), expected.loadedClinics());
        checkOutcomes(n, outcomes, "patients", expected.patients.keySet(), expected.loadedPatients());
        checkOutcomes(n, outcomes, "treatment-cases", expected.cases.keySet(), expected.loadedCases());
        checkOutcomes(n, outcomes, "products", expected.products.keySet(), expected.loadedProducts());
        checkOutcomes(n, outcomes, "billing-records", expected.billing.keySet(), expected.loadedBilling());
        Set<String> definitions = new java.util.TreeSet<>();
        expected.modules.values().forEach(d -> definitions.add(d.path("id").asText()));
        checkOutcomes(n, outcomes, "custom-modules", definitions, definitions);
        checkOutcomes(n, outcomes, "custom-module-records", expected.moduleRecords.keySet(),
                expected.loadedModuleRecords());
        checkOutcomes(n, outcomes, "appointments", expected.appointments.keySet(), expected.loadedChildren("appointments"));
        checkOutcomes(n, outcomes, "recalls", expected.recalls.keySet(), expected.loadedChildren("recalls"));
        // A note split into parts has one outcome per part; part 0 stands for the note here, and its parts are
        // checked in Freshsales (each once, rejoining byte-equal).
        checkOutcomes(n, outcomes, "clinical-notes", expected.notes.keySet(), expected.loadedChildren("clinical-notes"));
        checkOutcomes(n, outcomes, "attachments", expected.attachments.keySet(), expected.loadedAttachments());
        checkOutcomes(n, outcomes, "workflows", expected.workflows.keySet(), expected.documented("workflows"));
        checkOutcomes(n, outcomes, "integrations", expected.integrations.keySet(), expected.documented("integrations"));

        JsonNode state = e2e.driver.freshsalesState();
        checkTarget(n, "clinics", state.path("sales_accounts"), expected.loadedClinics(), expected.clinics, "name");
        checkTarget(n, "patients", state.path("contacts"), expected.loadedContacts(), expected.patients, "last_name");
        if (expected.classic) {
            // Freshsales Classic (issue 10): each never-booked patient a lead, once, with its source's last name; on
            // Suite the sandbox has no leads module at all.
            checkTarget(n, "patients (leads)", state.path("leads"), expected.leadPatients, expected.patients,
                    "last_name");
        }
        checkEmails(n, state.path("contacts"), expected);
        checkTarget(n, "treatment-cases", state.path("deals"), expected.loadedCases(), expected.cases, "title", "name");
        checkTarget(n, "products", state.path("products"), expected.loadedProducts(), expected.products, "name");
        checkBilling(n, state.path("deals"), expected);
        Set<String> imaging = new java.util.TreeSet<>(expected.loadedModuleRecords());
        imaging.removeIf(id -> !id.startsWith("imaging/"));
        checkTarget(n, "custom-module-records", state.path("cm_imaging_record"), imaging,
                id -> expected.moduleRecords.get(id).path("values").path("imaging_reference").asText(null),
                r -> r.path("custom_field").path("cf_imaging_reference").asText(null));
        checkOnContacts(n, state.path("contacts"), expected);
        Map<String, String> contactOf = new HashMap<>();
        for (JsonNode c : state.path("contacts")) {
            if (!c.path("is_deleted").asBoolean(false)) {
                contactOf.put(c.path("custom_field").path("cf_dentes_id").asText(), c.path("id").asText());
            }
        }
        checkTarget(n, "appointments", state.path("sales_activities"), expected.loadedChildren("appointments"),
                id -> contactOf.get(expected.appointments.get(id).path("patient_id").asText()),
                r -> r.path("targetable_id").asText(null));
        checkTarget(n, "recalls", state.path("tasks"), expected.loadedChildren("recalls"),
                id -> contactOf.get(expected.recalls.get(id).path("patient_id").asText()) + "|"
                        + ExpectedMigration.name(expected.recalls.get(id).get("reason")),
                // Suite answers a task's contact as targetables[0]; Classic as targetable_type/targetable_id.
                r -> r.path("targetables").path(0).path("id").asText(r.path("targetable_id").asText(null)) + "|"
                        + r.path("title").asText(null));
        checkNotes(n, state.path("notes"), expected);
        checkDocuments(n, state, expected);

        JsonNode loader = new JsonHttp(e2e.stack.auth().cliToken()).get(e2e.stack.baseUrl(Component.LOADER) + "/status");
        long intents = loader.path("ledger").path("INTENT").asLong(0);
        long parked = loader.path("parked").asLong(0);
        if (intents + parked > 0) {
            n.leftOpen += (int) (intents + parked);
            n.detail("loader: " + intents + " open intents, " + parked + " parked commands");
        }
        if (rec != null) {
            for (JsonNode r : rec.path("resources")) {
                long open = r.path("deferred").asLong(0);
                if (open > 0) {
                    n.leftOpen += (int) open;
                    n.detail(r.path("resource").asText() + ": " + open + " records still deferred");
                }
            }
        }
        int records = expected.practitioners.size() + expected.clinics.size() + expected.patients.size()
                + expected.cases.size() + expected.products.size() + expected.billing.size() + definitions.size()
                + expected.moduleRecords.size() + expected.appointments.size() + expected.recalls.size()
                + expected.notes.size() + expected.workflows.size() + expected.integrations.size()
                + expected.attachments.size();
        return new Result(row, records, n.lost, n.duplicated, n.wrongTerminal, n.stale, n.leftOpen, n.balanced, took,
                List.copyOf(n.details));
    }

    /** Every outcome the run published, by record ({@code <resource>/<source id>}), read from the topic itself. */
    private static Map<String, List<LoadOutcome>> outcomesOf(E2eStack e2e, String runId) {
        Map<String, List<LoadOutcome>> byRecord = new HashMap<>();
        try (TestKafka kafka = e2e.kafka()) {
            for (var r : kafka.readAll(Topics.OUTCOMES)) {
                LoadOutcome o;
                try {
                    o = dev.ferry.contracts.FerryJson.decode(r.value(), LoadOutcome.class);
                } catch (dev.ferry.contracts.ContractViolation poison) {
                    continue; // the poison row puts garbage on every topic; the audit sets it aside, so does this
                }
                if (runId.equals(o.runId())) {
                    String part = o.part() > 0 ? "#" + o.part() : "";
                    byRecord.computeIfAbsent(o.resource().path() + "/" + o.sourceId() + part, k -> new ArrayList<>())
                            .add(o);
                }
            }
        }
        return byRecord;
    }

    /**
     * Exactly one terminal outcome per record: a redelivered outcome (same kind, same Freshsales id) is the same
     * outcome, and an UNCHANGED after the write it confirms is a replay; anything else is a second, different answer.
     */
    private static void checkOutcomes(Counter n, Map<String, List<LoadOutcome>> outcomes, String resource,
            Set<String> all, Set<String> shouldLoad) {
        for (String id : new TreeSet<>(all)) {
            List<LoadOutcome> terminal = outcomes.getOrDefault(resource + "/" + id, List.of()).stream()
                    .filter(o -> TERMINAL.contains(o.kind())).toList(); // one record's outcomes share a partition: offset order
            if (terminal.isEmpty()) {
                n.lost++;
                n.detail("lost " + resource + "/" + id + ": no terminal outcome");
                continue;
            }
            Set<String> answers = new LinkedHashSet<>();
            for (LoadOutcome o : terminal) {
                if (o.kind() != OutcomeKind.UNCHANGED || answers.isEmpty()) {
                    answers.add(o.kind() + "#" + o.freshsalesId());
                } else if (answers.stream().noneMatch(a -> a.endsWith("#" + o.freshsalesId()))) {
                    answers.add(o.kind() + "#" + o.freshsalesId());
                }
            }
            if (answers.size() > 1) {
                n.duplicated++;
                n.detail("duplicated " + resource + "/" + id + ": " + answers);
            }
            LoadOutcome last = terminal.get(terminal.size() - 1);
            boolean loaded = LOADED.contains(last.kind());
            if (loaded != shouldLoad.contains(id) || last.kind() == OutcomeKind.FAILED) {
                n.wrongTerminal++;
                n.detail("wrong terminal " + resource + "/" + id + ": " + last.kind() + " (" + last.detail() + ")");
            }
        }
    }

    /** Each loaded record once in Freshsales, nothing else, with the source's value of {@code field}. */
    private static void checkTarget(Counter n, String resource, JsonNode records, Set<String> shouldLoad,
            Map<String, JsonNode> source, String field) {
        checkTarget(n, resource, records, shouldLoad, source, field, field);
    }

    /** As above, the source's {@code field} landing in the target's {@code targetField}. */
    private static void checkTarget(Counter n, String resource, JsonNode records, Set<String> shouldLoad,
            Map<String, JsonNode> source, String field, String targetField) {
        checkTarget(n, resource, records, shouldLoad, id -> ExpectedMigration.name(source.get(id).get(field)),
                r -> r.path(targetField).asText(null));
    }

    /**
     * Each loaded patient's contact holds exactly the source's address, once, or none when a family member with a lower
     * id keeps it (then it is in cf_shared_email). Regression (sample diff of 2026-12-06): the address went as a list
     * entry without an id, and every second write of a contact added it again. Details name ids, never addresses.
     */
    private static void checkEmails(Counter n, JsonNode contacts, ExpectedMigration expected) {
        Set<String> loaded = expected.loadedPatients();
        for (JsonNode c : contacts) {
            String id = c.path("custom_field").path("cf_dentes_id").asText(null);
            if (c.path("is_deleted").asBoolean(false) || id == null || !loaded.contains(id)) {
                continue;
            }
            JsonNode email = expected.patients.get(id).get("email");
            List<String> want = expected.duplicateEmails.contains(id) || email == null || email.isNull()
                    || email.asText().isBlank() ? List.of() : List.of(ExpectedMigration.fold(email.asText()));
            List<String> have = new ArrayList<>();
            for (JsonNode e : c.path("emails")) {
                have.add(ExpectedMigration.fold(e.isObject() ? e.path("value").asText() : e.asText()));
            }
            if (!want.equals(have)) {
                n.stale++;
                n.detail("stale patients/" + id + ": its contact holds " + have.size() + " e-mail entries, "
                        + (want.equals(List.of()) ? "none" : "the source's address once") + " expected"
                        + (have.size() == 1 && want.size() == 1 ? " (another address)" : ""));
            }
        }
    }

    /**
     * A ONE_PER_PATIENT module's values on the patient's contact (issue 9): the first declared text field of each
     * loaded record, so a contact that never got them, or got another record's, is stale.
     */
    private static void checkOnContacts(Counter n, JsonNode contacts, ExpectedMigration expected) {
        Map<String, JsonNode> byPatient = new HashMap<>();
        for (JsonNode c : contacts) {
            if (!c.path("is_deleted").asBoolean(false)) {
                byPatient.put(c.path("custom_field").path("cf_dentes_id").asText(), c);
            }
        }
        for (String id : expected.loadedModuleRecords()) {
            JsonNode def = expected.moduleOf(id);
            if (!"ONE_PER_PATIENT".equals(def.path("cardinality").asText())) {
                continue;
            }
            JsonNode r = expected.moduleRecords.get(id);
            for (JsonNode f : def.path("fields")) {
                JsonNode v = r.path("values").get(f.path("key").asText());
                if (!"TEXT".equals(f.path("type").asText()) || v == null || v.isNull()) {
                    continue;
                }
                String field = "cf_" + def.path("key").asText().replace('-', '_') + "_" + f.path("key").asText();
                JsonNode contact = byPatient.get(r.path("patient_id").asText());
                if (contact == null || !v.asText().equals(contact.path("custom_field").path(field).asText(null))) {
                    n.stale++;
                    n.detail("stale custom-module-records/" + id + ": " + field + " not on the patient's contact");
                }
                break;
            }
        }
    }

    /** Each loaded record once, nothing else, {@code sourceValue} of the source equal to {@code targetValue}. */
    private static void checkTarget(Counter n, String resource, JsonNode records, Set<String> shouldLoad,
            java.util.function.Function<String, String> sourceValue,
            java.util.function.Function<JsonNode, String> targetValue) {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode r : records) {
            if (r.path("is_deleted").asBoolean(false)) {
                continue;
            }
            String id = r.path("custom_field").path("cf_dentes_id").asText(null);
            copies.merge(String.valueOf(id), 1, Integer::sum);
            byId.put(String.valueOf(id), r);
        }
        for (String id : shouldLoad) {
            int c = copies.getOrDefault(id, 0);
            if (c == 0) {
                n.lost++;
                n.detail("lost " + resource + "/" + id + ": not in Freshsales");
            } else if (!java.util.Objects.equals(sourceValue.apply(id), targetValue.apply(byId.get(id)))) {
                n.stale++;
                n.detail("stale " + resource + "/" + id + ": a field differs from the source");
            }
        }
        copies.forEach((id, c) -> {
            if (c > 1) {
                n.duplicated += c - 1;
                n.detail("duplicated " + resource + "/" + id + ": " + c + " records in Freshsales");
            }
            if (!shouldLoad.contains(id)) {
                n.wrongTerminal++;
                n.detail("wrong terminal " + resource + "/" + id + ": in Freshsales but should not be");
            }
        });
    }

    /**
     * Clinical notes (issue 10): each loaded note's parts are in Freshsales once each, found by the first line that
     * names them ({@code [Dr.DENTES clinical-notes <id>]}, or {@code ... <id> part k/n]}), on the patient's contact or
     * the case's deal; with each part's first line taken off and the parts joined, what follows the first blank line
     * is the source's body (its control characters written as control pictures), byte for byte.
     */
    private static void checkNotes(Counter n, JsonNode notes, ExpectedMigration expected) {
        Map<String, java.util.TreeMap<Integer, List<String>>> partsOf = new HashMap<>();
        java.util.regex.Pattern marker = java.util.regex.Pattern
                .compile("^\\[Dr\\.DENTES clinical-notes (\\S+?)(?: part (\\d+)/(\\d+))?\\].*");
        for (JsonNode note : notes) {
            if (note.path("is_deleted").asBoolean(false)) {
                continue;
            }
            String text = note.path("description").asText("");
            int eol = text.indexOf('\n');
            java.util.regex.Matcher m = marker.matcher(eol < 0 ? text : text.substring(0, eol));
            if (!m.matches()) {
                continue;
            }
            int part = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
            partsOf.computeIfAbsent(m.group(1), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(part, k -> new ArrayList<>()).add(eol < 0 ? "" : text.substring(eol + 1));
        }
        Set<String> shouldLoad = expected.loadedChildren("clinical-notes");
        for (String id : shouldLoad) {
            java.util.TreeMap<Integer, List<String>> parts = partsOf.get(id);
            if (parts == null) {
                n.lost++;
                n.detail("lost clinical-notes/" + id + ": not in Freshsales");
                continue;
            }
            StringBuilder joined = new StringBuilder();
            for (List<String> copies : parts.values()) {
                if (copies.size() > 1) {
                    n.duplicated += copies.size() - 1;
                    n.detail("duplicated clinical-notes/" + id + ": a part " + copies.size() + " times in Freshsales");
                }
                joined.append(copies.get(0));
            }
            int blank = joined.indexOf("\n\n");
            String body = blank < 0 ? null : joined.substring(blank + 2);
            String want = visibleControls(expected.notes.get(id).path("body").asText(""));
            if (!want.equals(body)) {
                n.stale++;
                n.detail("stale clinical-notes/" + id + ": the parts do not rejoin to the source's body ("
                        + parts.size() + " parts)");
            }
        }
        partsOf.keySet().stream().filter(id -> !shouldLoad.contains(id)).forEach(id -> {
            n.wrongTerminal++;
            n.detail("wrong terminal clinical-notes/" + id + ": in Freshsales but should not be");
        });
    }

    /**
     * Attachments (issue 10): each loaded attachment is one document in Freshsales, found by the name that names it
     * ({@code [Dr.DENTES attachments <id>] <file name>}), on its patient's contact or its case's deal (links intact),
     * holding the source's bytes: the SHA-256 the sandbox computed of what it received equals the SHA-256 of the
     * dataset's file (and its metadata's), and the size too. Nothing else is a document.
     */
    static List<String> documentProblems(JsonNode state, ExpectedMigration expected) {
        Counter n = new Counter();
        checkDocuments(n, state, expected);
        return List.copyOf(n.details);
    }

    private static void checkDocuments(Counter n, JsonNode state, ExpectedMigration expected) {
        if (expected.attachments.isEmpty()) {
            return;
        }
        Map<String, String> idOf = new HashMap<>();
        for (String module : List.of("contacts", "deals")) {
            String type = module.equals("contacts") ? "Contact" : "Deal";
            for (JsonNode r : state.path(module)) {
                if (!r.path("is_deleted").asBoolean(false)) {
                    idOf.put(type + "|" + r.path("custom_field").path("cf_dentes_id").asText(), r.path("id").asText());
                }
            }
        }
        java.util.regex.Pattern marker = java.util.regex.Pattern.compile("^\\[Dr\\.DENTES attachments (\\S+?)\\] .*");
        Map<String, List<JsonNode>> docsOf = new HashMap<>();
        for (JsonNode d : state.path("documents")) {
            java.util.regex.Matcher m = marker.matcher(d.path("name").asText(""));
            docsOf.computeIfAbsent(m.matches() ? m.group(1) : "?" + d.path("name").asText(""),
                    k -> new ArrayList<>()).add(d);
        }
        Set<String> shouldLoad = expected.loadedAttachments();
        for (String id : shouldLoad) {
            List<JsonNode> docs = docsOf.getOrDefault(id, List.of());
            if (docs.isEmpty()) {
                n.lost++;
                n.detail("lost attachments/" + id + ": no document in Freshsales");
                continue;
            }
            if (docs.size() > 1) {
                n.duplicated += docs.size() - 1;
                n.detail("duplicated attachments/" + id + ": " + docs.size() + " documents in Freshsales");
            }
            JsonNode doc = docs.get(0);
            JsonNode source = expected.attachments.get(id);
            String want = expected.fileSha256(id);
            String parent = expected.attachmentParent.get(id);
            if (!want.equals(doc.path("content_sha256").asText())
                    || !source.path("sha256").asText().equalsIgnoreCase(want)
                    || doc.path("content_file_size").asLong() != source.path("size_bytes").asLong()) {
                n.stale++;
                n.detail("stale attachments/" + id + ": the document's bytes differ from the source's");
            } else if (!parent.startsWith(doc.path("targetable_type").asText() + "|")
                    || !java.util.Objects.equals(idOf.get(parent), doc.path("targetable_id").asText())) {
                n.stale++;
                n.detail("stale attachments/" + id + ": not on " + parent);
            }
        }
        docsOf.keySet().stream().filter(id -> !shouldLoad.contains(id)).forEach(id -> {
            n.wrongTerminal++;
            n.detail("wrong terminal attachments/" + id + ": a document in Freshsales but should not be");
        });
    }

    /** The mapper's stated rule for control characters in a note: C0 controls but tab, LF, CR, and DEL as pictures. */
    private static String visibleControls(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            boolean control = ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7F;
            out.append(!control ? ch : ch == 0x7F ? '\u2421' : (char) (0x2400 + ch));
        }
        return out.toString();
    }

    /**
     * Each loaded case's deal carries the billing record the rules chose (cf_billing_id, and its outstanding balance
     * read the way a person reads 1.500,00 or -120.50), and a deal without one carries none: a rejected sibling never
     * wrote over it.
     */
    private static void checkBilling(Counter n, JsonNode deals, ExpectedMigration expected) {
        Map<String, JsonNode> byCase = new HashMap<>();
        for (JsonNode d : deals) {
            if (!d.path("is_deleted").asBoolean(false)) {
                byCase.put(d.path("custom_field").path("cf_dentes_id").asText(), d);
            }
        }
        for (String caseId : expected.loadedCases()) {
            JsonNode deal = byCase.get(caseId);
            if (deal == null) {
                continue; // counted as lost by checkTarget
            }
            String want = expected.billingOfCase.get(caseId);
            String got = deal.path("custom_field").path("cf_billing_id").asText(null);
            if (!java.util.Objects.equals(want, got)) {
                n.stale++;
                n.detail("stale billing-records on deal of treatment-cases/" + caseId + ": carries " + got + ", expected "
                        + want);
            } else if (want != null) {
                java.math.BigDecimal balance = ExpectedMigration.amount(
                        expected.billing.get(want).path("outstanding_balance").asText());
                JsonNode landed = deal.path("custom_field").path("cf_outstanding_balance");
                if (!landed.isNumber() || landed.decimalValue().compareTo(balance) != 0) {
                    n.stale++;
                    n.detail("stale billing-records/" + want + ": the outstanding balance differs from the source");
                }
            }
        }
    }

    private static final class Counter {
        int lost;
        int duplicated;
        int wrongTerminal;
        int stale;
        int leftOpen;
        boolean balanced;
        final List<String> details = new ArrayList<>();

        void detail(String line) {
            if (details.size() < DETAIL_LINES) {
                details.add(line);
            }
        }
    }
}
