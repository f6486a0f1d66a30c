package dev.ferry.sim.dentes.datagen;

import static dev.ferry.sim.dentes.datagen.realism.Distributions.between;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.chance;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.poisson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.realism.Distributions;
import dev.ferry.sim.dentes.datagen.realism.Emails;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import dev.ferry.sim.dentes.datagen.records.IdScheme;
import dev.ferry.sim.dentes.datagen.records.ModuleDef;
import dev.ferry.sim.dentes.datagen.records.PracticeContext;
import dev.ferry.sim.dentes.datagen.records.RecordFactory;
import dev.ferry.sim.dentes.datagen.records.Times;
import dev.ferry.sim.dentes.datagen.records.TrapDice;
import dev.ferry.sim.dentes.datagen.write.DatasetWriter;
import dev.ferry.sim.dentes.datagen.write.ManifestWriter;
import dev.ferry.sim.dentes.datagen.write.TrapLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Generates a whole practice into a dataset folder, patient by patient: each patient is written with everything
 * that hangs off it (cases, billing, appointments, notes, recalls, custom-module records, attachments) before the
 * next is drawn, so memory does not grow with the number of patients (bar 32-64 bytes a patient of uniqueness hashes).
 *
 * <p>Distributions per patient (documented in the README, checked by tests):
 * <ul>
 *   <li>leads (no appointment, PROSPECT): 35% of patients created in the last 180 days, 5% of older ones;</li>
 *   <li>non-leads: appointments 1 + Poisson(2.3), clinical notes Poisson(2.15), treatment cases Poisson(1.1) each
 *       with one billing record, recalls Poisson(1.1), imaging records Poisson(0.6), lab work Bernoulli(0.3),
 *       prescriptions Bernoulli(0.35);</li>
 *   <li>attachments: Bernoulli(0.05) per note, Bernoulli(0.12) per case, Bernoulli(0.03) per patient.</li>
 * </ul>
 */
public final class PracticeGenerator {

    static final double LEAD_RATE_RECENT = 0.35;
    static final double LEAD_RATE_OLDER = 0.05;
    static final double EXTRA_APPOINTMENTS_MEAN = 2.3;
    static final double NOTES_MEAN = 2.15;
    static final double CASES_MEAN = 1.1;
    static final double RECALLS_MEAN = 1.1;
    static final double IMAGING_MEAN = 0.6;
    static final double LAB_WORK_P = 0.3;
    static final double PRESCRIPTION_P = 0.35;
    static final double NOTE_ATTACHMENT_P = 0.05;
    static final double CASE_ATTACHMENT_P = 0.12;
    static final double PATIENT_ATTACHMENT_P = 0.03;
    static final int PRACTICE_YEARS = 8;

    private static final String[] ROLES = {"DENTIST", "HYGIENIST", "ASSISTANT", "RECEPTIONIST", "OFFICE_MANAGER"};
    private static final String[] FIRST_ROLES = {"DENTIST", "DENTIST", "OFFICE_MANAGER", "HYGIENIST", "ASSISTANT",
        "RECEPTIONIST"};
    private static final int[] ROLE_WEIGHTS = {40, 15, 25, 15, 5};

    private final GeneratorOptions options;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random;
    private final TrapDice dice;
    private final IdScheme ids;
    private final OffsetDateTime asOf;
    private final OffsetDateTime practiceStart;
    private PracticeContext ctx;
    private RecordFactory factory;
    private DatasetWriter out;
    private TrapLedger ledger;

    private PracticeGenerator(GeneratorOptions options) {
        this.options = options;
        this.ids = new IdScheme(options.idBase());
        this.random = new Random(options.seed());
        this.dice = new TrapDice(random, options.rates());
        this.asOf = options.asOf();
        this.practiceStart = asOf.minusYears(PRACTICE_YEARS);
    }

    /** Generates the dataset described by the options and returns what was written. */
    public static GenerationSummary generate(GeneratorOptions options) throws IOException {
        return new PracticeGenerator(options).run();
    }

    private GenerationSummary run() throws IOException {
        Files.createDirectories(options.out());
        Faker faker = new Faker(Locale.forLanguageTag("tr"), random);
        try (TrapLedger l = new TrapLedger(options.out().resolve(".traps-scratch"));
             DatasetWriter w = new DatasetWriter(options.out(), mapper)) {
            this.ledger = l;
            this.out = w;
            this.ctx = new PracticeContext(random, faker, dice, ledger, asOf, options::tagEmail);
            this.factory = new RecordFactory(ctx);
            List<ModuleDef> modules = RecordFactory.standardModules();
            for (String r : DatasetLayout.TOP_LEVEL_RESOURCES) {
                out.open(r);
            }
            modules.forEach(m -> out.open(m.recordsResource()));

            setUpPractice(modules);
            for (int i = 0; i < options.patients(); i++) {
                patientWithDependants();
            }
            out.close();
            // Insertion-ordered copies: Map.copyOf would iterate in a per-JVM random order and the manifest
            // would stop being byte-identical across runs.
            GenerationSummary summary = new GenerationSummary(options,
                    Collections.unmodifiableMap(new LinkedHashMap<>(out.counts())),
                    Collections.unmodifiableMap(new LinkedHashMap<>(out.deletedCounts())));
            new ManifestWriter(mapper).write(options.out().resolve(DatasetLayout.MANIFEST), summary, dice, ledger);
            return summary;
        }
    }

    // ---------------------------------------------------------------- fixed parts of the practice

    private void setUpPractice(List<ModuleDef> modules) throws IOException {
        OffsetDateTime firstYear = practiceStart.plusYears(1);
        for (TreatmentCatalogue.Item item : TreatmentCatalogue.ITEMS) {
            String id = ids.next("products");
            ctx.addProduct(id, item);
            OffsetDateTime created = between(random, practiceStart, firstYear);
            emit("products", factory.product(id, item, created, between(random, created, asOf)), null, null);
        }

        String group = ctx.faker().name().lastName();
        ctx.staffDomain(domain(group));
        String groupId = ids.next("clinics");
        Places.City hq = Places.CLINIC_CITIES.get(0);
        ObjectNode parent = factory.clinic(groupId, null, group + " Ağız ve Diş Sağlığı Grubu", hq, practiceStart,
                between(random, practiceStart, asOf));
        parent.put("email", "info@" + domain(group));
        emit("clinics", parent, null, null);
        int branches = Math.max(2, Math.min(19, 2 + options.patients() / 5000));
        for (int b = 0; b < branches; b++) {
            Places.City city = b == 0 || chance(random, 0.4) ? hq
                    : Places.CLINIC_CITIES.get(1 + random.nextInt(Places.CLINIC_CITIES.size() - 1));
            String id = ids.next("clinics");
            OffsetDateTime created = b < 2 ? practiceStart : between(random, practiceStart, asOf.minusYears(1));
            ObjectNode c = branchClinic(id, groupId, group, city, created);
            ctx.addBranch(id, city);
            emit("clinics", c, null, null);
        }
        boolean softDeletes = options.rates().rate(Trap.SOFT_DELETED) > 0;
        if (softDeletes && options.rates().rate(Trap.DANGLING_PATIENT_CLINIC) > 0) {
            String id = ids.next("clinics");
            ObjectNode closed = branchClinic(id, groupId, group, Places.CLINIC_CITIES.get(1), practiceStart);
            closed.put("name", closed.path("name").asText() + " (kapandı)");
            ctx.closedClinic(id);
            emit("clinics", closed, between(random, asOf.minusYears(2), asOf.minusYears(1)), "closed branch");
        }

        int staffCount = Math.max(8, Math.min(60, 8 + options.patients() / 400));
        List<String> branchIds = ctx.branches().stream().map(PracticeContext.Branch::id).toList();
        for (int s = 0; s < staffCount; s++) {
            // Every practice has at least two dentists and one of each other role.
            String role = s < FIRST_ROLES.length ? FIRST_ROLES[s] : ROLES[Distributions.weightedIndex(random, ROLE_WEIGHTS)];
            String id = ids.next("practitioners");
            List<String> clinics = new ArrayList<>();
            clinics.add(Distributions.pick(random, branchIds));
            if (chance(random, 0.25)) {
                String other = Distributions.pick(random, branchIds);
                if (!clinics.contains(other)) {
                    clinics.add(other);
                }
            }
            OffsetDateTime created = between(random, practiceStart, asOf.minusMonths(1));
            emit("practitioners", factory.practitioner(id, role, clinics, chance(random, 0.92), created,
                    between(random, created, asOf)), null, null);
            ctx.addStaff(id, role);
        }
        if (softDeletes && options.rates().rate(Trap.DANGLING_PATIENT_PRACTITIONER) > 0) {
            String id = ids.next("practitioners");
            ObjectNode left = factory.practitioner(id, "DENTIST", List.of(branchIds.get(0)), false, practiceStart,
                    practiceStart.plusYears(2));
            ctx.leftPractitioner(id);
            emit("practitioners", left, between(random, asOf.minusYears(3), asOf.minusYears(1)), "left the practice");
        }

        for (ModuleDef m : modules) {
            ctx.addModule(m);
            OffsetDateTime created = between(random, practiceStart, firstYear);
            emit(DatasetLayout.CUSTOM_MODULES, factory.customModule(m, created, between(random, created, asOf)), null, null);
        }
        int workflows = 6 + random.nextInt(3);
        for (int t = 0; t < workflows; t++) {
            OffsetDateTime created = between(random, practiceStart, asOf.minusMonths(2));
            String id = ids.next("workflows");
            emit("workflows", factory.workflow(id, t, created, between(random, created, asOf)),
                    leafDeletion(created), null);
        }
        for (int t = 0; t < 7; t++) {
            OffsetDateTime created = between(random, practiceStart, asOf.minusMonths(2));
            String id = ids.next("integrations");
            emit("integrations", factory.integration(id, t, created, between(random, created, asOf)),
                    leafDeletion(created), null);
        }
    }

    private final java.util.Set<String> branchNames = new java.util.HashSet<>();

    private ObjectNode branchClinic(String id, String groupId, String group, Places.City city, OffsetDateTime created) {
        ObjectNode c = factory.clinic(id, groupId, group, city, created, between(random, created, asOf));
        String district = c.path("address").path("district").asText();
        // Two branches in one district are "Kadıköy Şubesi" and "Kadıköy 2. Şubesi": a practice never gives two
        // clinics one name (Freshsales account names are unique, and a migration must not merge two clinics).
        String name = group + " Diş Kliniği " + district + " Şubesi";
        for (int n = 2; !branchNames.add(name); n++) {
            name = group + " Diş Kliniği " + district + " " + n + ". Şubesi";
        }
        c.put("name", name);
        c.put("email", Emails.asciiFold(district) + "@" + domain(group));
        return c;
    }

    private static String domain(String group) {
        return Emails.asciiFold(group) + "dis.com.tr";
    }

    // ---------------------------------------------------------------- one patient and its dependants

    private void patientWithDependants() throws IOException {
        String pid = ids.next("patients");
        OffsetDateTime created = between(random, practiceStart, asOf.minusDays(1));
        boolean recent = created.isAfter(asOf.minusDays(180));
        boolean lead = chance(random, recent ? LEAD_RATE_RECENT : LEAD_RATE_OLDER);
        OffsetDateTime firstAppointment = null;
        if (!lead) {
            firstAppointment = Distributions.duringOpeningHours(random, between(random, created, created.plusDays(21)));
            if (firstAppointment.isBefore(created)) {
                firstAppointment = firstAppointment.plusDays(1);
            }
        }
        OffsetDateTime patientDeleted = dice.roll(Trap.SOFT_DELETED)
                ? between(random, Times.min(created.plusDays(1), asOf), asOf) : null;
        String mainType = factory.randomTreatmentType();
        ObjectNode patient = factory.patient(pid, created, between(random, created, asOf), firstAppointment, mainType);
        emit("patients", patient, patientDeleted, null);

        if (!lead) {
            dependants(pid, created, firstAppointment, mainType, patientDeleted);
        }
        if (chance(random, PATIENT_ATTACHMENT_P)) {
            attachment("PATIENT", pid, between(random, created, asOf), patientDeleted);
        }
    }

    private void dependants(String pid, OffsetDateTime created, OffsetDateTime first, String mainType,
                            OffsetDateTime patientDeleted) throws IOException {
        String cascade = patientDeleted == null ? null : "with patient " + pid;
        List<OffsetDateTime> starts = new ArrayList<>();
        starts.add(first);
        int extra = poisson(random, EXTRA_APPOINTMENTS_MEAN);
        for (int i = 0; i < extra; i++) {
            starts.add(Distributions.duringOpeningHours(random, between(random, first, asOf.plusDays(60))));
        }
        starts.sort(null);

        // Cases open at a past appointment; later appointments may belong to them.
        List<OffsetDateTime> pastStarts = starts.stream().filter(s -> s.isBefore(asOf)).toList();
        int caseCount = poisson(random, CASES_MEAN);
        List<ObjectNode> cases = new ArrayList<>();
        for (int c = 0; c < caseCount; c++) {
            OffsetDateTime opened = pastStarts.isEmpty() ? first : Distributions.pick(random, pastStarts);
            if (opened.isAfter(asOf)) {
                opened = asOf.minusHours(1);
            }
            String type = c == 0 ? mainType : factory.randomTreatmentType();
            ObjectNode tc = factory.treatmentCase(ids.next("treatment-cases"), pid, type, opened);
            cases.add(tc);
            emit("treatment-cases", tc, patientDeleted, cascade);
            emit("billing-records", factory.billing(ids.next("billing-records"), tc),
                    patientDeleted != null ? patientDeleted : leafDeletion(created), cascade);
            if (dice.roll(Trap.BILLING_SEVERAL_PER_CASE)) {
                String second = ids.next("billing-records");
                ledger.planted(Trap.BILLING_SEVERAL_PER_CASE, "billing-records", second, "treatment_case_id",
                        tc.path("id").asText());
                emit("billing-records", factory.billing(second, tc),
                        patientDeleted != null ? patientDeleted : leafDeletion(created), cascade);
            }
            if (chance(random, CASE_ATTACHMENT_P)) {
                attachment("TREATMENT_CASE", tc.path("id").asText(), opened, patientDeleted);
            }
        }

        List<ObjectNode> liveCompleted = new ArrayList<>();
        List<ObjectNode> appointments = new ArrayList<>();
        for (OffsetDateTime start : starts) {
            String caseId = null;
            ObjectNode latest = null;
            for (ObjectNode tc : cases) {
                if (!Times.parse(tc.path("opened_at").asText()).isAfter(start)) {
                    latest = tc;
                }
            }
            if (latest != null && chance(random, 0.6)) {
                caseId = latest.path("id").asText();
            }
            ObjectNode a = factory.appointment(ids.next("appointments"), pid, caseId, start, created);
            OffsetDateTime deleted = patientDeleted != null ? patientDeleted : leafDeletion(created);
            emit("appointments", a, deleted, cascade);
            appointments.add(a);
            if (deleted == null && a.path("status").asText().equals("COMPLETED")) {
                liveCompleted.add(a);
            }
        }

        int notes = poisson(random, NOTES_MEAN);
        for (int n = 0; n < notes; n++) {
            ObjectNode at = Distributions.pick(random, appointments);
            OffsetDateTime startAt = Times.parse(at.path("start_at").asText());
            OffsetDateTime recorded = startAt.isBefore(asOf)
                    ? Times.min(asOf, startAt.plusMinutes(Math.max(0, at.path("duration_minutes").asInt())))
                    : between(random, first.isBefore(asOf) ? first : created, asOf);
            String caseId = at.path("treatment_case_id").isNull() ? null : at.path("treatment_case_id").asText();
            ObjectNode note = factory.clinicalNote(ids.next("clinical-notes"), pid, caseId, recorded);
            OffsetDateTime deleted = patientDeleted != null ? patientDeleted : leafDeletion(created);
            if (chance(random, NOTE_ATTACHMENT_P)) {
                String attId = attachment("CLINICAL_NOTE", note.path("id").asText(), recorded, deleted);
                note.withArray("attachment_ids").add(attId);
            }
            emit("clinical-notes", note, deleted, cascade);
        }

        if (dice.roll(Trap.BILLING_WITHOUT_CASE)) {
            OffsetDateTime paidAt = between(random, first.isBefore(asOf) ? first : created, asOf);
            emit("billing-records", factory.billingWithoutCase(ids.next("billing-records"), pid, paidAt),
                    patientDeleted != null ? patientDeleted : leafDeletion(created), cascade);
        }

        int recalls = poisson(random, RECALLS_MEAN);
        for (int r = 0; r < recalls; r++) {
            ObjectNode last = liveCompleted.isEmpty() ? null : Distributions.pick(random, liveCompleted);
            emit("recalls", factory.recall(ids.next("recalls"), pid, last, created),
                    patientDeleted != null ? patientDeleted : leafDeletion(created), cascade);
        }

        for (ModuleDef m : ctx.modules()) {
            int count = switch (m.key()) {
                case "imaging" -> poisson(random, IMAGING_MEAN);
                case "lab-work" -> chance(random, LAB_WORK_P) ? 1 : 0;
                default -> chance(random, PRESCRIPTION_P) ? 1 : 0;
            };
            for (int i = 0; i < count; i++) {
                String caseId = !cases.isEmpty() && chance(random, 0.4)
                        ? Distributions.pick(random, cases).path("id").asText() : null;
                OffsetDateTime at = between(random, first.isBefore(asOf) ? first : created, asOf);
                emit(m.recordsResource(), factory.moduleRecord(ids.next(m.recordsResource()), m, pid, caseId, at),
                        patientDeleted != null ? patientDeleted : leafDeletion(created), cascade);
            }
        }
    }

    private String attachment(String ownerType, String ownerId, OffsetDateTime at, OffsetDateTime ownerDeleted)
            throws IOException {
        String id = ids.next("attachments");
        RecordFactory.Attachment a = factory.attachment(id, ownerType, ownerId, Times.min(at, asOf));
        out.writeAttachment(id, a.content());
        emit("attachments", a.record(), ownerDeleted, ownerDeleted == null ? null : "with owner " + ownerId);
        return id;
    }

    /** For a leaf record (nothing references it): soft-deleted at the SOFT_DELETED rate, at some later time. */
    private OffsetDateTime leafDeletion(OffsetDateTime created) {
        return dice.roll(Trap.SOFT_DELETED) ? between(random, Times.min(created.plusDays(1), asOf), asOf) : null;
    }

    /**
     * Final touches before a record is written: soft deletion (updated_at moves to the deletion time) or, for
     * patients and appointments, the bulk-update tie trap.
     */
    private void emit(String resource, ObjectNode record, OffsetDateTime deletedAt, String detail) throws IOException {
        String id = record.path("id").asText();
        OffsetDateTime updated = Times.parse(record.path("updated_at").asText());
        if (deletedAt != null) {
            record.put("updated_at", Times.iso(Times.max(updated, deletedAt)));
            record.put("deleted", true);
            ledger.planted(Trap.SOFT_DELETED, resource, id, "deleted", detail);
        } else if (resource.equals("patients") || resource.equals("appointments")) {
            OffsetDateTime createdAt = Times.parse(record.path("created_at").asText());
            List<OffsetDateTime> eligible = ctx.batchInstants().stream().filter(b -> !b.isBefore(createdAt)).toList();
            if (!eligible.isEmpty() && dice.roll(Trap.SAME_UPDATED_AT_BATCH)) {
                OffsetDateTime batch = Distributions.pick(random, eligible);
                record.put("updated_at", Times.iso(batch));
                ledger.planted(Trap.SAME_UPDATED_AT_BATCH, resource, id, "updated_at", Times.iso(batch));
            } else if (ctx.batchInstants().stream().anyMatch(b -> b.isEqual(updated))) {
                record.put("updated_at", Times.iso(updated.plusSeconds(1)));
            }
        }
        out.write(resource, record);
    }
}
