package dev.ferry.sim.dentes.datagen.records;

import static dev.ferry.sim.dentes.datagen.realism.Distributions.between;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.chance;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.pick;
import static dev.ferry.sim.dentes.datagen.records.Times.iso;
import static dev.ferry.sim.dentes.datagen.records.Vocabulary.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.realism.AttachmentFiles;
import dev.ferry.sim.dentes.datagen.realism.ClinicalText;
import dev.ferry.sim.dentes.datagen.realism.Distributions;
import dev.ferry.sim.dentes.datagen.realism.Money;
import dev.ferry.sim.dentes.datagen.realism.RecordHashes;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

/** What hangs off a patient: cases, billing, appointments, notes, recalls, custom-module records, attachments. */
final class CareRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PracticeContext ctx;
    private final Random random;

    CareRecords(PracticeContext ctx) {
        this.ctx = ctx;
        this.random = ctx.random;
    }

    /** A treatment case opened at {@code openedAt}; its stage follows from its age at {@code asOf}. */
    public ObjectNode treatmentCase(String id, String patientId, String treatmentType, OffsetDateTime openedAt) {
        String clinicId = ctx.branch().id();
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("patient_id", patientId);
        c.put("clinic_id", clinicId);
        c.put("practitioner_id", chance(random, 0.95) ? ctx.clinician().id() : null);
        int tooth = ClinicalText.randomTooth(random);
        String title = caseTitle(treatmentType, tooth);
        if (ctx.dice.roll(Trap.MISSING_REQUIRED_FIELD)) {
            title = null;
            ctx.sink.planted(Trap.MISSING_REQUIRED_FIELD, "treatment-cases", id, "title", null);
        }
        c.put("title", title);
        c.put("treatment_type", treatmentType);
        long ageDays = java.time.Duration.between(openedAt, ctx.asOf).toDays();
        String stage;
        int s = random.nextInt(100);
        if (ageDays < 30) {
            stage = s < 50 ? "NEW" : s < 90 ? "IN_TREATMENT" : "AWAITING_PAYMENT";
        } else if (ageDays < 180) {
            stage = s < 10 ? "NEW" : s < 45 ? "IN_TREATMENT" : s < 60 ? "AWAITING_PAYMENT" : s < 92 ? "COMPLETED" : "CANCELLED";
        } else {
            stage = s < 3 ? "IN_TREATMENT" : s < 10 ? "AWAITING_PAYMENT" : s < 90 ? "COMPLETED" : "CANCELLED";
        }
        c.put("stage", stage);
        List<TreatmentCatalogue.Item> options = TreatmentCatalogue.forTreatmentType(treatmentType);
        String currency = "TRY";
        int cur = random.nextInt(100);
        if (cur >= 92) {
            currency = cur < 97 ? "EUR" : "USD";
        }
        ArrayNode procedures = JSON.arrayNode();
        BigDecimal total = BigDecimal.ZERO;
        int n = 1 + Distributions.poisson(random, 0.8);
        for (int i = 0; i < n; i++) {
            TreatmentCatalogue.Item item = pick(random, options);
            PracticeContext.Product product = productFor(item);
            int quantity = chance(random, 0.85) ? 1 : 2 + random.nextInt(3);
            BigDecimal unit = convert(item.unitPrice(), item.currency(), currency);
            ObjectNode pr = procedures.addObject();
            pr.put("product_id", product == null ? null : product.id());
            pr.put("quantity", quantity);
            pr.put("unit_price", Money.decimal(unit));
            pr.put("tooth_number", item.category().equals("Teşhis") || item.category().equals("Radyoloji")
                    ? null : String.valueOf(tooth));
            total = total.add(unit.multiply(BigDecimal.valueOf(quantity)));
        }
        c.put("estimated_amount", Money.decimal(total));
        c.put("currency", currency);
        c.put("opened_at", iso(openedAt));
        OffsetDateTime closed = null;
        if (stage.equals("COMPLETED") || stage.equals("CANCELLED")) {
            closed = between(random, openedAt.plusDays(1), Times.min(openedAt.plusDays(120), ctx.asOf));
        }
        c.put("closed_at", iso(closed));
        c.set("procedures", procedures);
        OffsetDateTime updated = closed != null ? closed : between(random, openedAt, ctx.asOf);
        Times.stamp(c, openedAt, updated);
        return c;
    }

    private PracticeContext.Product productFor(TreatmentCatalogue.Item item) {
        for (PracticeContext.Product p : ctx.products) {
            if (p.item().code().equals(item.code())) {
                return p;
            }
        }
        return ctx.products.isEmpty() ? null : pick(random, ctx.products);
    }

    private static BigDecimal convert(BigDecimal amount, String from, String to) {
        // Rough 2025 rates; only the shape of the numbers matters.
        BigDecimal inTry = switch (from) {
            case "EUR" -> amount.multiply(BigDecimal.valueOf(45));
            case "USD" -> amount.multiply(BigDecimal.valueOf(39));
            default -> amount;
        };
        return switch (to) {
            case "EUR" -> inTry.divide(BigDecimal.valueOf(45), 2, RoundingMode.HALF_UP);
            case "USD" -> inTry.divide(BigDecimal.valueOf(39), 2, RoundingMode.HALF_UP);
            default -> Money.round(inTry);
        };
    }

    private String caseTitle(String type, int tooth) {
        return switch (type) {
            case "IMPLANT" -> tooth + " no'lu diş bölgesine implant";
            case "ORTHODONTICS" -> pick(random, new String[] {"Şeffaf plak tedavisi", "Sabit ortodonti (braket)"});
            case "ENDODONTICS" -> tooth + " kanal tedavisi";
            case "PROSTHODONTICS" -> pick(random, new String[] {"Zirkonyum kron " + tooth, "Üst çene protez", "Köprü " + tooth});
            case "PERIODONTICS" -> "Dişeti tedavisi";
            case "ORAL_SURGERY" -> tooth + " çekim";
            case "COSMETIC" -> pick(random, new String[] {"Diş beyazlatma", "Gülüş tasarımı", "Laminate veneer"});
            case "PEDIATRIC" -> "Çocuk koruyucu tedavi";
            case "RESTORATIVE" -> tooth + " dolgu";
            default -> pick(random, new String[] {"Genel kontrol ve temizlik", "Check-up"});
        };
    }

    /** The billing record of a treatment case, consistent with its stage and amount. */
    public ObjectNode billing(String id, ObjectNode treatmentCase) {
        ObjectNode b = JSON.objectNode();
        b.put("id", id);
        b.put("patient_id", treatmentCase.path("patient_id").asText());
        b.put("treatment_case_id", treatmentCase.path("id").asText());
        boolean insured = chance(random, 0.45);
        b.put("insurance_provider", insured ? pick(random, INSURERS) : null);
        b.put("policy_number", insured ? "POL-" + (100000 + random.nextInt(900000)) : null);
        BigDecimal coverage = insured ? BigDecimal.valueOf(10L * (1 + random.nextInt(9))) : BigDecimal.ZERO;
        b.put("coverage_percent", coverage);
        BigDecimal total = new BigDecimal(treatmentCase.path("estimated_amount").asText("0"));
        String stage = treatmentCase.path("stage").asText();
        String status;
        BigDecimal paid;
        switch (stage) {
            case "COMPLETED" -> {
                int x = random.nextInt(100);
                status = x < 85 ? "PAID" : x < 95 ? "PARTIALLY_PAID" : "WRITTEN_OFF";
                paid = status.equals("PAID") ? total
                        : status.equals("PARTIALLY_PAID") ? fraction(total) : BigDecimal.ZERO;
            }
            case "AWAITING_PAYMENT" -> {
                status = chance(random, 0.5) ? "OPEN" : "PARTIALLY_PAID";
                paid = status.equals("OPEN") ? BigDecimal.ZERO : fraction(total);
            }
            case "IN_TREATMENT" -> {
                status = chance(random, 0.6) ? "PARTIALLY_PAID" : "OPEN";
                paid = status.equals("OPEN") ? BigDecimal.ZERO : fraction(total);
            }
            default -> {
                status = "OPEN";
                paid = BigDecimal.ZERO;
            }
        }
        BigDecimal outstanding = status.equals("WRITTEN_OFF") ? BigDecimal.ZERO : total.subtract(paid);
        if (ctx.dice.roll(Trap.BILLING_CREDIT_BALANCE)) {
            // Paid twice, or paid before a discount: the practice owes the patient the difference.
            paid = total.add(Money.round(BigDecimal.valueOf(50 + random.nextInt(950))));
            outstanding = total.subtract(paid);
            status = "PAID";
            ctx.sink.planted(Trap.BILLING_CREDIT_BALANCE, "billing-records", id, "outstanding_balance", null);
        }
        if (ctx.dice.roll(Trap.BILLING_COVERAGE_OVER_100)) {
            if (!insured) {
                b.put("insurance_provider", pick(random, INSURERS));
                b.put("policy_number", "POL-" + (100000 + random.nextInt(900000)));
            }
            b.put("coverage_percent", BigDecimal.valueOf(105 + 5L * random.nextInt(10)));
            ctx.sink.planted(Trap.BILLING_COVERAGE_OVER_100, "billing-records", id, "coverage_percent", null);
        }
        boolean turkish = ctx.dice.roll(Trap.BILLING_COMMA_DECIMAL);
        if (turkish) {
            ctx.sink.planted(Trap.BILLING_COMMA_DECIMAL, "billing-records", id, "total_amount", null);
        }
        b.put("total_amount", turkish ? Money.turkishText(total) : Money.decimal(total));
        b.put("paid_amount", turkish ? Money.turkishText(paid) : Money.decimal(paid));
        b.put("outstanding_balance", turkish ? Money.turkishText(outstanding) : Money.decimal(outstanding));
        String currency = treatmentCase.path("currency").asText("TRY");
        if (ctx.dice.roll(Trap.BILLING_CURRENCY_MISMATCH)) {
            // Billed in euros for a case priced in lira (or the other way round): the figures are not converted.
            currency = currency.equals("TRY") ? "EUR" : "TRY";
            ctx.sink.planted(Trap.BILLING_CURRENCY_MISMATCH, "billing-records", id, "currency", null);
        }
        b.put("currency", currency);
        b.put("status", status);
        OffsetDateTime created = Times.parse(treatmentCase.path("created_at").asText());
        OffsetDateTime updated = Times.parse(treatmentCase.path("updated_at").asText());
        Times.stamp(b, created, between(random, updated, Times.min(updated.plusDays(30), ctx.asOf)));
        return b;
    }

    /** A payment booked against the patient only, with no treatment case (the BILLING_WITHOUT_CASE trap). */
    public ObjectNode billingWithoutCase(String id, String patientId, OffsetDateTime at) {
        ObjectNode b = JSON.objectNode();
        b.put("id", id);
        b.put("patient_id", patientId);
        b.putNull("treatment_case_id");
        b.putNull("insurance_provider");
        b.putNull("policy_number");
        b.put("coverage_percent", BigDecimal.ZERO);
        BigDecimal total = Money.round(BigDecimal.valueOf(300 + random.nextInt(4700)));
        b.put("total_amount", Money.decimal(total));
        b.put("paid_amount", Money.decimal(total));
        b.put("outstanding_balance", Money.decimal(BigDecimal.ZERO));
        b.put("currency", "TRY");
        b.put("status", "PAID");
        ctx.sink.planted(Trap.BILLING_WITHOUT_CASE, "billing-records", id, "treatment_case_id", null);
        Times.stamp(b, at, Times.min(ctx.asOf, at.plusDays(random.nextInt(10))));
        return b;
    }

    private BigDecimal fraction(BigDecimal total) {
        return Money.round(total.multiply(BigDecimal.valueOf(10 + random.nextInt(80))).divide(BigDecimal.valueOf(100)));
    }

    /** An appointment starting at {@code startAt}; status follows from whether it is past at {@code asOf}. */
    public ObjectNode appointment(String id, String patientId, String treatmentCaseId, OffsetDateTime startAt,
                                  OffsetDateTime patientCreatedAt) {
        ObjectNode a = JSON.objectNode();
        a.put("id", id);
        a.put("patient_id", patientId);
        a.put("clinic_id", ctx.branch().id());
        a.put("practitioner_id", chance(random, 0.97) ? ctx.clinician().id() : null);
        a.put("treatment_case_id", treatmentCaseId);
        a.put("start_at", iso(startAt));
        int duration = DURATIONS[Distributions.weightedIndex(random, DURATION_WEIGHTS)];
        if (ctx.dice.roll(Trap.APPOINTMENT_NONPOSITIVE_DURATION)) {
            duration = chance(random, 0.6) ? 0 : -(15 * (1 + random.nextInt(4)));
            ctx.sink.planted(Trap.APPOINTMENT_NONPOSITIVE_DURATION, "appointments", id, "duration_minutes",
                    String.valueOf(duration));
        }
        a.put("duration_minutes", duration);
        boolean past = startAt.isBefore(ctx.asOf);
        String status;
        String cancelReason = null;
        if (ctx.dice.roll(Trap.APPOINTMENT_CANCELLED)) {
            status = "CANCELLED";
            cancelReason = pick(random, CANCEL_REASONS);
            ctx.sink.planted(Trap.APPOINTMENT_CANCELLED, "appointments", id, "status", null);
        } else if (!past) {
            status = "SCHEDULED";
        } else {
            status = chance(random, 0.94) ? "COMPLETED" : "NO_SHOW";
        }
        a.put("status", status);
        String type = treatmentCaseId != null ? "TREATMENT"
                : APPOINTMENT_TYPES[Distributions.weightedIndex(random, APPOINTMENT_TYPE_WEIGHTS)];
        a.put("type", type);
        a.put("chair", "Koltuk " + (1 + random.nextInt(4)));
        a.put("cancel_reason", cancelReason);
        String notes = chance(random, 0.35) ? pick(random, APPOINTMENT_REMARKS) : null;
        if (ctx.dice.roll(Trap.AMOUNT_COMMA_DECIMAL_IN_TEXT)) {
            BigDecimal amount = BigDecimal.valueOf(50_000 + random.nextInt(5_000_000), 2);
            notes = pick(random, new String[] {"Kalan bakiye %s TL, taksit istedi.", "Ön ödeme %s TL alındı.",
                "Sigorta %s TL karşılayacak.", "Hastaya %s TL fiyat verildi."}).formatted(Money.turkishText(amount));
            ctx.sink.planted(Trap.AMOUNT_COMMA_DECIMAL_IN_TEXT, "appointments", id, "notes", null);
        }
        a.put("notes", notes);
        OffsetDateTime created = Times.max(patientCreatedAt, startAt.minusDays(1 + random.nextInt(30)));
        created = Times.min(created, ctx.asOf);
        OffsetDateTime updated = past
                ? Times.min(ctx.asOf, startAt.plusMinutes(Math.max(duration, 0)).plusMinutes(random.nextInt(600)))
                : between(random, created, ctx.asOf);
        Times.stamp(a, created, Times.max(created, updated));
        return a;
    }

    /** A clinical note recorded at {@code recordedAt}. */
    public ObjectNode clinicalNote(String id, String patientId, String treatmentCaseId, OffsetDateTime recordedAt) {
        ObjectNode n = JSON.objectNode();
        n.put("id", id);
        n.put("patient_id", patientId);
        n.put("treatment_case_id", treatmentCaseId);
        n.put("author_id", ctx.clinician().id());
        n.put("title", pick(random, NOTE_TITLES));
        String body;
        if (ctx.dice.roll(Trap.NOTE_OVER_32KB)) {
            body = ClinicalText.longerThanBytes(random, 32 * 1024 + random.nextInt(16 * 1024));
            ctx.sink.planted(Trap.NOTE_OVER_32KB, "clinical-notes", id, "body",
                    String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        } else {
            body = ClinicalText.paragraph(random, 80 + random.nextInt(900));
        }
        n.put("body", body);
        int t = random.nextInt(100);
        n.put("note_type", treatmentCaseId != null && t < 30 ? "TREATMENT_SUMMARY" : t < 85 ? "CLINICAL" : "ADMIN");
        n.put("recorded_at", iso(recordedAt));
        n.putArray("attachment_ids");
        if (ctx.dice.roll(Trap.VOICE_CAPTURE_METADATA)) {
            ObjectNode v = n.putObject("voice_capture");
            v.put("duration_seconds", 20 + random.nextInt(600));
            v.put("device", pick(random, DEVICES));
            v.put("transcript_status", pick(random, new String[] {"TRANSCRIBED", "PENDING", "FAILED"}));
            ctx.sink.planted(Trap.VOICE_CAPTURE_METADATA, "clinical-notes", id, "voice_capture", null);
        } else {
            n.putNull("voice_capture");
        }
        Times.stamp(n, recordedAt, Times.min(ctx.asOf, recordedAt.plusMinutes(random.nextInt(180))));
        return n;
    }

    /**
     * A recall. With a last appointment, due = last appointment + interval: PENDING if that is still ahead,
     * otherwise COMPLETED or CANCELLED. The RECALL_DUE_IN_PAST trap leaves one PENDING with a past due date.
     */
    public ObjectNode recall(String id, String patientId, ObjectNode lastAppointment, OffsetDateTime patientCreatedAt) {
        ObjectNode r = JSON.objectNode();
        r.put("id", id);
        r.put("patient_id", patientId);
        r.put("practitioner_id", chance(random, 0.8) ? ctx.clinician().id() : null);
        String reason = pick(random, RECALL_REASONS);
        if (ctx.dice.roll(Trap.MISSING_REQUIRED_FIELD)) {
            reason = null;
            ctx.sink.planted(Trap.MISSING_REQUIRED_FIELD, "recalls", id, "reason", null);
        }
        r.put("reason", reason);
        int interval = reason != null && (reason.startsWith("6") || reason.contains("Diş taşı")) ? 6
                : pick(random, new Integer[] {6, 6, 6, 12, 3});
        r.put("interval_months", interval);
        LocalDate today = ctx.asOf.toLocalDate();
        OffsetDateTime lastAt = lastAppointment == null ? null : Times.parse(lastAppointment.path("start_at").asText());
        LocalDate due;
        String status;
        OffsetDateTime completedAt = null;
        if (ctx.dice.roll(Trap.RECALL_DUE_IN_PAST)) {
            due = today.minusDays(1 + random.nextInt(400));
            status = "PENDING";
            ctx.sink.planted(Trap.RECALL_DUE_IN_PAST, "recalls", id, "due_date", due.toString());
        } else {
            due = lastAt == null ? today.plusDays(1 + random.nextInt(180)) : lastAt.toLocalDate().plusMonths(interval);
            if (due.isBefore(today)) {
                if (chance(random, 0.75)) {
                    status = "COMPLETED";
                    completedAt = Distributions.duringOpeningHours(random,
                            Times.min(ctx.asOf.minusDays(1), due.atStartOfDay().atOffset(ctx.asOf.getOffset())
                                    .plusDays(random.nextInt(30))));
                } else {
                    status = "CANCELLED";
                }
            } else {
                status = "PENDING";
            }
        }
        r.put("due_date", due.toString());
        r.put("status", status);
        r.put("last_appointment_id", lastAppointment == null ? null : lastAppointment.path("id").asText());
        r.put("last_appointment_at", iso(lastAt));
        r.put("completed_at", iso(completedAt));
        OffsetDateTime created = lastAt != null ? Times.max(patientCreatedAt, Times.min(lastAt, ctx.asOf)) : patientCreatedAt;
        OffsetDateTime updated = completedAt != null ? Times.max(created, Times.min(completedAt, ctx.asOf))
                : between(random, created, ctx.asOf);
        Times.stamp(r, created, updated);
        return r;
    }

    /** A record of a custom module, with values fitting the declared types unless a trap says otherwise. */
    public ObjectNode moduleRecord(String id, ModuleDef module, String patientId, String treatmentCaseId,
                                   OffsetDateTime at) {
        String resource = module.recordsResource();
        ObjectNode r = JSON.objectNode();
        r.put("id", id);
        r.put("patient_id", patientId);
        r.put("treatment_case_id", treatmentCaseId);
        ObjectNode values = r.putObject("values");
        for (ModuleDef.Field f : module.fields()) {
            valueFor(values, module.key(), f, at);
        }
        if (ctx.dice.roll(Trap.CUSTOM_FIELD_TYPE_MISMATCH)) {
            List<ModuleDef.Field> typed = module.fields().stream().filter(f -> !f.type().equals("TEXT")).toList();
            if (!typed.isEmpty()) {
                ModuleDef.Field f = pick(random, typed);
                String bad = switch (f.type()) {
                    case "NUMBER" -> pick(random, new String[] {"yok", "1.250,00", "~30", "bilinmiyor"});
                    case "DATE" -> pick(random, new String[] {"15.03.2021", "geçen hafta", "2021-02-30", "03/15/2021"});
                    case "BOOLEAN" -> pick(random, new String[] {"evet", "hayır", "1", "E"});
                    default -> pick(random, new String[] {"DIGER", "panoramik", "?"});
                };
                values.put(f.key(), bad);
                ctx.sink.planted(Trap.CUSTOM_FIELD_TYPE_MISMATCH, resource, id, "values." + f.key(), f.type());
            }
        }
        if (module.key().equals("imaging") && ctx.dice.roll(Trap.AI_RADIOGRAPH_SETTINGS)) {
            ObjectNode ai = values.putObject("ai_settings");
            ai.put("ai_analysis_enabled", true);
            ai.put("model", pick(random, new String[] {"RadiographAI v2.3", "Dentes Vision 1.8", "CariesNet-TR 0.9"}));
            ai.put("sensitivity", BigDecimal.valueOf(60 + random.nextInt(35), 2));
            ai.put("auto_flag_caries", random.nextBoolean());
            ai.put("auto_flag_bone_loss", random.nextBoolean());
            ctx.sink.planted(Trap.AI_RADIOGRAPH_SETTINGS, resource, id, "values.ai_settings", null);
        }
        Times.stamp(r, at, Times.min(ctx.asOf, at.plusDays(random.nextInt(20))));
        return r;
    }

    private void valueFor(ObjectNode values, String moduleKey, ModuleDef.Field f, OffsetDateTime at) {
        switch (f.key()) {
            case "tooth_numbers" -> values.put(f.key(), ClinicalText.randomTooth(random) + (chance(random, 0.4)
                    ? "," + ClinicalText.randomTooth(random) : ""));
            case "device" -> values.put(f.key(), pick(random, IMAGING_DEVICES));
            case "findings" -> values.put(f.key(), ClinicalText.sentence(random));
            case "imaging_reference" -> values.put(f.key(), "RMX-" + (1_000_000 + random.nextInt(9_000_000)));
            case "lab_name" -> values.put(f.key(), pick(random, LAB_NAMES));
            case "shade" -> values.put(f.key(), pick(random, SHADES));
            case "drug" -> values.put(f.key(), pick(random, DRUGS));
            case "dosage" -> values.put(f.key(), pick(random, new String[] {"2x1", "3x1", "1x1 tok karnına", "gerektiğinde"}));
            case "e_recete_no" -> values.put(f.key(), "1" + String.format("%08X", random.nextInt()));
            case "due_on" -> values.put(f.key(), at.toLocalDate().plusDays(5 + random.nextInt(10)).toString());
            case "radiation_dose_mgy" -> values.put(f.key(), BigDecimal.valueOf(1 + random.nextInt(200), 3));
            case "lab_cost" -> values.put(f.key(), 500 + random.nextInt(5000));
            case "duration_days" -> values.put(f.key(), pick(random, new Integer[] {3, 5, 7, 10}));
            default -> {
                switch (f.type()) {
                    case "NUMBER" -> values.put(f.key(), random.nextInt(100));
                    case "DATE" -> values.put(f.key(), at.toLocalDate().toString());
                    case "BOOLEAN" -> values.put(f.key(), random.nextBoolean());
                    case "CHOICE" -> values.put(f.key(), f.choices().isEmpty() ? null : pick(random, f.choices()));
                    default -> values.put(f.key(), moduleKey + " " + ClinicalText.sentence(random));
                }
            }
        }
    }

    public RecordFactory.Attachment attachment(String id, String ownerType, String ownerId, OffsetDateTime at) {
        boolean image = ownerType.equals("CLINICAL_NOTE") ? chance(random, 0.7) : ownerType.equals("PATIENT");
        byte[] content;
        String fileName;
        String contentType;
        if (image) {
            content = AttachmentFiles.png(random, 24 + random.nextInt(40), 24 + random.nextInt(40));
            fileName = (ownerType.equals("PATIENT") ? "kimlik_tarama_" : "radyografi_") + at.toLocalDate() + ".png";
            contentType = "image/png";
        } else {
            String title = ownerType.equals("TREATMENT_CASE") ? "Hasta Onam Formu / Informed consent" : "Tedavi raporu";
            content = AttachmentFiles.pdf(title, "Ref: " + ownerId, "Tarih: " + at.toLocalDate(),
                    "Dr.DENTES belge no " + id);
            fileName = (ownerType.equals("TREATMENT_CASE") ? "onam_formu_" : "rapor_") + ownerId + ".pdf";
            contentType = "application/pdf";
        }
        ObjectNode a = JSON.objectNode();
        a.put("id", id);
        a.put("owner_type", ownerType);
        a.put("owner_id", ownerId);
        a.put("file_name", fileName);
        a.put("content_type", contentType);
        a.put("size_bytes", content.length);
        a.put("sha256", RecordHashes.sha256Hex(content));
        Times.stamp(a, at, at);
        return new RecordFactory.Attachment(a, content);
    }
}
