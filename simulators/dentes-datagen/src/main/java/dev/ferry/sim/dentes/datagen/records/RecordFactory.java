package dev.ferry.sim.dentes.datagen.records;

import static dev.ferry.sim.dentes.datagen.realism.Distributions.between;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.chance;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.pick;
import static dev.ferry.sim.dentes.datagen.records.Times.iso;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.realism.AttachmentFiles;
import dev.ferry.sim.dentes.datagen.realism.ClinicalText;
import dev.ferry.sim.dentes.datagen.realism.Distributions;
import dev.ferry.sim.dentes.datagen.realism.Emails;
import dev.ferry.sim.dentes.datagen.realism.LongHashSet;
import dev.ferry.sim.dentes.datagen.realism.Money;
import dev.ferry.sim.dentes.datagen.realism.NationalIds;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import dev.ferry.sim.dentes.datagen.realism.TurkishPhones;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds one record of any resource, in the contract's field order, planting traps as the dice decide and reporting
 * each one to the context's {@link TrapSink}. The caller owns the timeline (which patient, when) and the ids.
 */
public final class RecordFactory {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] LEAD_SOURCES = {"REFERRAL", "WALK_IN", "MARKETING", "ONLINE", "OTHER"};
    private static final int[] LEAD_SOURCE_WEIGHTS = {30, 15, 20, 30, 5};
    private static final String[] INQUIRY_TYPES = {
        "İmplant fiyat bilgisi", "Şeffaf plak danışmanlığı", "Diş beyazlatma", "Acil diş ağrısı", "Genel muayene",
        "Çocuk diş hekimliği", "Zirkonyum kaplama", "Hollywood gülüşü (yurt dışından)", "İkinci görüş"};
    private static final String[] INSURERS = {
        "SGK", "Allianz Sigorta", "Axa Sigorta", "Anadolu Sigorta", "Acıbadem Sigorta", "Mapfre Sigorta",
        "Türkiye Sigorta", "Cigna"};
    private static final String[] LANGUAGES = {"tr", "en", "de", "ar", "ru"};
    private static final int[] LANGUAGE_WEIGHTS = {88, 5, 3, 2, 2};
    private static final String[] APPOINTMENT_TYPES = {"CHECKUP", "CLEANING", "TREATMENT", "CONSULTATION", "EMERGENCY"};
    private static final int[] APPOINTMENT_TYPE_WEIGHTS = {25, 20, 40, 10, 5};
    private static final int[] DURATIONS = {15, 20, 30, 45, 60, 90, 120};
    private static final int[] DURATION_WEIGHTS = {5, 10, 35, 20, 20, 7, 3};
    private static final String[] CANCEL_REASONS = {
        "Hasta aradı, iş yoğunluğu", "Hasta hastalandı", "Hekim izinli", "Hasta ulaşılamadı", "Tekrar arayacak",
        "Hava koşulları", "Başka klinikte tedavi oldu"};
    private static final String[] APPOINTMENT_REMARKS = {
        "Hasta 10 dk geç geldi.", "Kontrol randevusu.", "Röntgen çekilecek.", "Refakatçi ile gelecek.",
        "Önceki tedavinin devamı.", "Anestezi hassasiyeti var.", "Hatırlatma SMS'i gönderildi."};
    private static final String[] RECALL_REASONS = {
        "6 aylık kontrol", "Diş taşı temizliği", "Tedavi sonrası kontrol", "İmplant kontrolü", "Ortodonti kontrolü",
        "Yıllık panoramik röntgen", "Periodontal idame", "6-month checkup"};
    private static final String[] NOTE_TITLES = {
        "Muayene notu", "Tedavi notu", "Kontrol", "Tedavi özeti", "Telefon görüşmesi", "Onam alındı", "Anamnez"};
    private static final String[] DEVICES = {"iPhone 13", "Samsung Galaxy Tab S8", "Dentes Voice Pedal", "iPad Air"};
    private static final String[] IMAGE_TYPES = {"PANORAMIC", "BITEWING", "PERIAPICAL", "CBCT", "INTRAORAL_PHOTO"};
    private static final String[] IMAGING_DEVICES = {"Planmeca ProMax 3D", "Vatech PaX-i3D", "Carestream CS 8100", "Sirona Orthophos"};
    private static final String[] LAB_NAMES = {"Ege Diş Laboratuvarı", "Başkent Dental Lab", "Boğaziçi Zirkonyum",
        "Anadolu Protez Lab", "DigiDent CAD/CAM"};
    private static final String[] LAB_ORDER_TYPES = {"CROWN", "BRIDGE", "IMPLANT_ABUTMENT", "DENTURE", "ALIGNER", "NIGHT_GUARD"};
    private static final String[] SHADES = {"A1", "A2", "A3", "B1", "B2", "BL2", "C1"};
    private static final String[] DRUGS = {
        "Amoksisilin 1000 mg", "Amoksisilin/Klavulanat 875/125 mg", "Klindamisin 300 mg", "Metronidazol 500 mg",
        "Naproksen sodyum 550 mg", "Parasetamol 500 mg", "Klorheksidin %0,12 gargara", "Deksketoprofen 25 mg"};

    private final PracticeContext ctx;
    private final Random random;

    public RecordFactory(PracticeContext ctx) {
        this.ctx = ctx;
        this.random = ctx.random;
    }

    public PracticeContext context() {
        return ctx;
    }

    // ---------------------------------------------------------------- practice set-up

    public ObjectNode clinic(String id, String parentId, String name, Places.City city, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
        ObjectNode c = JSON.objectNode();
        c.put("id", id);
        c.put("name", name);
        c.put("parent_clinic_id", parentId);
        c.put("phone", TurkishPhones.randomlyWritten(TurkishPhones.landlineDigits(city.areaCode(), random), random));
        c.put("email", "info@" + Emails.asciiFold(name.split(" ")[0]) + "klinik.com.tr");
        c.put("tax_number", NationalIds.vergiKimlik(random));
        c.put("timezone", chance(random, 0.9) ? "Europe/Istanbul" : null);
        c.set("address", Places.address(random, city));
        stamp(c, createdAt, updatedAt);
        return c;
    }

    public ObjectNode practitioner(String id, String role, List<String> clinicIds, boolean active,
                                   OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        boolean female = random.nextBoolean();
        String first = female ? ctx.faker.name().femaleFirstName() : ctx.faker.name().maleFirstName();
        String last = ctx.faker.name().lastName();
        ObjectNode p = JSON.objectNode();
        p.put("id", id);
        p.put("first_name", first);
        p.put("last_name", last);
        if (ctx.dice.roll(Trap.PRACTITIONER_NO_EMAIL)) {
            p.putNull("email");
            ctx.sink.planted(Trap.PRACTITIONER_NO_EMAIL, "practitioners", id, "email", null);
        } else {
            String prefix = role.equals("DENTIST") ? "dt." : "";
            p.put("email", prefix + Emails.asciiFold(first) + "." + Emails.asciiFold(last) + "@" + ctx.staffDomain);
        }
        p.put("phone", TurkishPhones.randomlyWritten(TurkishPhones.mobileDigits(random), random));
        p.put("role", role);
        p.put("active", active);
        ArrayNode ids = p.putArray("clinic_ids");
        clinicIds.forEach(ids::add);
        stamp(p, createdAt, updatedAt);
        return p;
    }

    public ObjectNode product(String id, TreatmentCatalogue.Item item, OffsetDateTime createdAt,
                              OffsetDateTime updatedAt) {
        ObjectNode p = JSON.objectNode();
        p.put("id", id);
        p.put("code", item.code());
        p.put("name", item.name());
        p.put("description", item.description());
        p.put("unit_price", Money.decimal(item.unitPrice()));
        p.put("currency", item.currency());
        p.put("category", item.category());
        p.put("active", item.active());
        stamp(p, createdAt, updatedAt);
        return p;
    }

    public ObjectNode customModule(ModuleDef def, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        ObjectNode m = JSON.objectNode();
        m.put("id", def.id());
        m.put("key", def.key());
        m.put("name", def.name());
        m.put("cardinality", def.cardinality());
        ArrayNode fields = m.putArray("fields");
        for (ModuleDef.Field f : def.fields()) {
            ObjectNode fn = fields.addObject();
            fn.put("key", f.key());
            fn.put("label", f.label());
            fn.put("type", f.type());
            ArrayNode choices = fn.putArray("choices");
            f.choices().forEach(choices::add);
        }
        stamp(m, createdAt, updatedAt);
        return m;
    }

    /** The three modules every generated practice has. */
    public static List<ModuleDef> standardModules() {
        return List.of(
                new ModuleDef("CM-01", "imaging", "Görüntüleme", ModuleDef.MANY_PER_PATIENT, List.of(
                        new ModuleDef.Field("image_type", "Görüntü tipi", "CHOICE", List.of(IMAGE_TYPES)),
                        new ModuleDef.Field("taken_on", "Çekim tarihi", "DATE", List.of()),
                        new ModuleDef.Field("tooth_numbers", "Diş numaraları", "TEXT", List.of()),
                        new ModuleDef.Field("device", "Cihaz", "TEXT", List.of()),
                        new ModuleDef.Field("radiation_dose_mgy", "Doz (mGy)", "NUMBER", List.of()),
                        new ModuleDef.Field("findings", "Bulgular", "TEXT", List.of()),
                        new ModuleDef.Field("imaging_reference", "Görüntü referansı", "TEXT", List.of()))),
                new ModuleDef("CM-02", "lab-work", "Laboratuvar işleri", ModuleDef.ONE_PER_PATIENT, List.of(
                        new ModuleDef.Field("lab_name", "Laboratuvar", "TEXT", List.of()),
                        new ModuleDef.Field("order_type", "İş tipi", "CHOICE", List.of(LAB_ORDER_TYPES)),
                        new ModuleDef.Field("sent_on", "Gönderim", "DATE", List.of()),
                        new ModuleDef.Field("due_on", "Teslim", "DATE", List.of()),
                        new ModuleDef.Field("shade", "Renk", "TEXT", List.of()),
                        new ModuleDef.Field("lab_cost", "Lab ücreti", "NUMBER", List.of()),
                        new ModuleDef.Field("received", "Teslim alındı", "BOOLEAN", List.of()))),
                new ModuleDef("CM-03", "prescriptions", "Reçeteler", ModuleDef.ONE_PER_PATIENT, List.of(
                        new ModuleDef.Field("drug", "İlaç", "TEXT", List.of()),
                        new ModuleDef.Field("dosage", "Doz", "TEXT", List.of()),
                        new ModuleDef.Field("prescribed_on", "Reçete tarihi", "DATE", List.of()),
                        new ModuleDef.Field("duration_days", "Süre (gün)", "NUMBER", List.of()),
                        new ModuleDef.Field("e_recete_no", "e-Reçete no", "TEXT", List.of()),
                        new ModuleDef.Field("allergy_checked", "Alerji kontrolü", "BOOLEAN", List.of()))));
    }

    public ObjectNode workflow(String id, int template, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        String[][] templates = {
            {"Randevu hatırlatma (SMS)", "APPOINTMENT_SCHEDULED", "SMS", "randevu_hatirlatma", "-P1D"},
            {"Randevu hatırlatma (WhatsApp)", "APPOINTMENT_SCHEDULED", "WHATSAPP", "randevu_wp", "-PT3H"},
            {"6 aylık kontrol çağrısı", "RECALL_DUE", "SMS", "kontrol_cagrisi", "-P7D"},
            {"Gelmeyen hasta takibi", "APPOINTMENT_NO_SHOW", "TASK", "no_show_ara", "PT2H"},
            {"Tedavi sonrası memnuniyet", "TREATMENT_COMPLETED", "EMAIL", "memnuniyet_anketi", "P3D"},
            {"Doğum günü kutlaması", "PATIENT_BIRTHDAY", "SMS", "dogum_gunu", "P0D"},
            {"Geciken ödeme hatırlatma", "INVOICE_OVERDUE", "EMAIL", "odeme_hatirlatma", "P7D"},
            {"Yeni hasta karşılama", "PATIENT_CREATED", "WHATSAPP", "hos_geldiniz", "PT1H"}};
        String[] t = templates[template % templates.length];
        ObjectNode w = JSON.objectNode();
        w.put("id", id);
        w.put("name", t[0]);
        w.put("active", chance(random, 0.8));
        ObjectNode trigger = w.putObject("trigger");
        trigger.put("event", t[1]);
        ArrayNode conditions = trigger.putArray("conditions");
        if (chance(random, 0.6)) {
            conditions.add(pick(random, new String[] {"patient.consent_sms == true", "appointment.type != EMERGENCY",
                "patient.status == ACTIVE", "clinic.id in [C-002, C-003]", "patient.preferred_language == tr"}));
        }
        ObjectNode schedule = w.putObject("schedule");
        schedule.put("interval", 1 + random.nextInt(6));
        schedule.put("unit", pick(random, new String[] {"HOURS", "DAYS", "MONTHS"}));
        ArrayNode actions = w.putArray("actions");
        ObjectNode a = actions.addObject();
        a.put("channel", t[2]);
        a.put("template", t[3]);
        a.put("offset", t[4]);
        if (chance(random, 0.3)) {
            ObjectNode b = actions.addObject();
            b.put("channel", "TASK");
            b.put("template", "resepsiyon_ara");
            b.put("offset", "P1D");
        }
        stamp(w, createdAt, updatedAt);
        return w;
    }

    public ObjectNode integration(String id, int template, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        String[][] templates = {
            {"Planmeca Romexis", "IMAGING", "https://romexis.klinik.local/api/v2", "API_KEY", "DICOM", "false"},
            {"Dijital Lab Portalı", "LAB_PORTAL", "https://portal.digident-lab.com.tr/api", "OAUTH2", "JSON", "false"},
            {"iyzico Ödeme", "PAYMENT", "https://api.iyzipay.com", "API_KEY", "JSON", "false"},
            {"Netgsm SMS", "SMS_GATEWAY", "https://api.netgsm.com.tr/sms/send/xml", "BASIC", "XML", "false"},
            {"e-Nabız Bildirim", "E_NABIZ", "https://enabiz.gov.tr/ws/sys", "CERTIFICATE", "HL7 CDA", "true"},
            {"MEDULA Provizyon", "MEDULA", "https://medula.sgk.gov.tr/medula/hastane/saglikTesisiIslemleriWS", "BASIC",
                "SOAP", "true"},
            {"WhatsApp Business", "OTHER", "https://graph.facebook.com/v19.0", "OAUTH2", "JSON", "false"}};
        String[] t = templates[template % templates.length];
        ObjectNode i = JSON.objectNode();
        i.put("id", id);
        i.put("name", t[0]);
        i.put("kind", t[1]);
        i.put("endpoint_url", t[2]);
        i.put("auth_type", t[3]);
        ObjectNode creds = i.putObject("credentials");
        if (ctx.dice.roll(Trap.INTEGRATION_SECRET_CREDENTIALS)) {
            // Obviously fake secrets with real-looking shapes: the point is that they must never be copied.
            switch (t[3]) {
                case "API_KEY" -> creds.put("api_key", "sk_live_" + hex(16));
                case "OAUTH2" -> {
                    creds.put("client_id", "cli_" + hex(6));
                    creds.put("client_secret", "cs_" + hex(16));
                    creds.put("refresh_token", "rt_" + hex(20));
                }
                case "BASIC" -> {
                    creds.put("username", "klinik" + random.nextInt(1000));
                    creds.put("password", "Pw!" + hex(8));
                }
                default -> {
                    creds.put("certificate_alias", "enabiz-" + random.nextInt(100));
                    creds.put("keystore_password", "ks_" + hex(10));
                }
            }
            ctx.sink.planted(Trap.INTEGRATION_SECRET_CREDENTIALS, "integrations", id, "credentials", t[3]);
        }
        i.put("data_format", t[4]);
        i.put("active", chance(random, 0.85));
        i.put("turkish_compliance", Boolean.parseBoolean(t[5]));
        stamp(i, createdAt, updatedAt);
        return i;
    }

    // ---------------------------------------------------------------- patients

    /**
     * A patient. {@code firstAppointmentAt == null} makes an unconverted lead (status PROSPECT, lead source and
     * inquiry type set). {@code mainTreatmentType} is what brought them in.
     */
    public ObjectNode patient(String id, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                              OffsetDateTime firstAppointmentAt, String mainTreatmentType) {
        boolean lead = firstAppointmentAt == null;
        int g = random.nextInt(100);
        String gender = g < 52 ? "FEMALE" : g < 98 ? "MALE" : null;
        boolean female = "FEMALE".equals(gender) || (gender == null && random.nextBoolean());
        String first = firstName(female);
        if (chance(random, 0.1)) {
            String second = firstName(female);
            if (!second.equals(first)) {
                first = first + " " + second;
            }
        }
        String last = ctx.faker.name().lastName();
        LocalDate dob = dateOfBirth();
        String nationalId = chance(random, 0.9) ? NationalIds.tcKimlik(random) : null;

        PracticeContext.Identity dupOf = null;
        if (ctx.recentCount > 0 && ctx.dice.roll(Trap.DUPLICATE_PATIENT_NAME_DOB)) {
            dupOf = ctx.randomRecent();
            first = dupOf.firstName();
            last = dupOf.lastName();
            dob = LocalDate.parse(dupOf.dateOfBirth());
            nationalId = chance(random, 0.5) ? dupOf.nationalId() : null;
            ctx.sink.planted(Trap.DUPLICATE_PATIENT_NAME_DOB, "patients", id, "first_name,last_name,date_of_birth",
                    "duplicate of " + dupOf.id());
        }
        // 0 = present, 1 = absent, 2 = null, 3 = blank
        int lastNameShape = 0;
        if (dupOf == null && ctx.dice.roll(Trap.MISSING_REQUIRED_FIELD)) {
            lastNameShape = 1 + random.nextInt(3);
            ctx.sink.planted(Trap.MISSING_REQUIRED_FIELD, "patients", id, "last_name", null);
        }
        String storedLast = switch (lastNameShape) {
            case 0 -> last;
            case 3 -> "";
            default -> null;
        };
        if (dupOf == null) {
            // Keep clean patients unique by name and birth date, so every duplicate is a planted one.
            while (!ctx.nameDobKeys.add(LongHashSet.hash(first + "|" + storedLast + "|" + dob))) {
                dob = dob.minusDays(1);
            }
        }

        String email = null;
        boolean cleanEmail = false;
        PracticeContext.Identity emailDupOf = ctx.recentCount > 0 ? ctx.randomRecentWithEmail() : null;
        if (emailDupOf != null && ctx.dice.roll(Trap.DUPLICATE_PATIENT_EMAIL)) {
            email = emailDupOf.email();
            ctx.sink.planted(Trap.DUPLICATE_PATIENT_EMAIL, "patients", id, "email", "same as " + emailDupOf.id());
        } else if (chance(random, 0.82)) {
            if (ctx.dice.roll(Trap.INVALID_EMAIL)) {
                email = unique(Emails.malformed(first, last, random));
                ctx.sink.planted(Trap.INVALID_EMAIL, "patients", id, "email", null);
            } else if (ctx.dice.roll(Trap.TURKISH_CASE_EMAIL)) {
                email = unique(Emails.turkishCased(first, last, random));
                ctx.sink.planted(Trap.TURKISH_CASE_EMAIL, "patients", id, "email", null);
            } else {
                email = unique(Emails.clean(first, last, dob.getYear(), random));
                cleanEmail = true;
            }
        }

        PracticeContext.Branch branch = ctx.branch();
        String clinicId = branch.id();
        if (ctx.dice.roll(Trap.DANGLING_PATIENT_CLINIC)) {
            boolean deleted = ctx.closedClinicId != null && random.nextBoolean();
            clinicId = deleted ? ctx.closedClinicId : "C-" + (900 + (ctx.missingRefCounter++ % 99));
            ctx.sink.planted(Trap.DANGLING_PATIENT_CLINIC, "patients", id, "clinic_id", deleted ? "deleted" : "missing");
        }
        String practitionerId = null;
        if (ctx.dice.roll(Trap.DANGLING_PATIENT_PRACTITIONER)) {
            boolean deleted = ctx.leftPractitionerId != null && random.nextBoolean();
            practitionerId = deleted ? ctx.leftPractitionerId : "PR-" + (9000 + (ctx.missingRefCounter++ % 999));
            ctx.sink.planted(Trap.DANGLING_PATIENT_PRACTITIONER, "patients", id, "primary_practitioner_id",
                    deleted ? "deleted" : "missing");
        } else if (chance(random, 0.9)) {
            practitionerId = ctx.clinician().id();
        }

        ObjectNode p = JSON.objectNode();
        p.put("id", id);
        p.put("clinic_id", clinicId);
        p.put("first_name", first);
        if (lastNameShape != 1) {
            p.put("last_name", storedLast);
        }
        p.put("date_of_birth", dob.toString());
        p.put("gender", gender);
        p.put("national_id", nationalId);
        p.put("email", email);
        p.put("mobile_phone", chance(random, 0.95)
                ? TurkishPhones.randomlyWritten(TurkishPhones.mobileDigits(random), random) : null);
        p.put("home_phone", chance(random, 0.2)
                ? TurkishPhones.randomlyWritten(TurkishPhones.landlineDigits(branch.city().areaCode(), random), random)
                : null);
        int a = random.nextInt(100);
        if (a < 85) {
            p.set("address", Places.address(random, branch.city()));
        } else if (a < 95) {
            p.set("address", Places.outOfTownAddress(random, ctx.faker));
        } else {
            p.putNull("address");
        }
        p.put("preferred_language", LANGUAGES[Distributions.weightedIndex(random, LANGUAGE_WEIGHTS)]);
        p.put("primary_practitioner_id", practitionerId);
        String status = lead ? "PROSPECT"
                : createdAt.isBefore(ctx.asOf.minusYears(3)) && chance(random, 0.35) ? "INACTIVE" : "ACTIVE";
        p.put("status", status);
        p.put("first_appointment_at", iso(firstAppointmentAt));
        p.put("lead_source", lead || chance(random, 0.6)
                ? LEAD_SOURCES[Distributions.weightedIndex(random, LEAD_SOURCE_WEIGHTS)] : null);
        p.put("inquiry_type", lead || chance(random, 0.3) ? pick(random, INQUIRY_TYPES) : null);
        p.put("treatment_type", mainTreatmentType);
        p.put("insurance_provider", chance(random, 0.45) ? pick(random, INSURERS) : null);
        int r = random.nextInt(100);
        if (r < 60) {
            p.put("recall_interval_months", 6);
        } else if (r < 75) {
            p.put("recall_interval_months", 12);
        } else if (r < 85) {
            p.put("recall_interval_months", 3);
        } else {
            p.putNull("recall_interval_months");
        }
        p.put("consent_sms", chance(random, 0.8));
        p.put("consent_email", chance(random, 0.6));
        ObjectNode cf = p.putObject("custom_fields");
        if (chance(random, 0.3)) {
            cf.put("allergies", pick(random, new String[] {"Penisilin", "Lateks", "Yok", "Lokal anestezik (articaine)"}));
        }
        if (chance(random, 0.4)) {
            cf.put("kvkk_consent_date", between(random, createdAt.minusDays(3), createdAt).toLocalDate().toString());
        }
        if (chance(random, 0.2)) {
            cf.put("how_did_you_hear", pick(random, new String[] {"Instagram", "Google", "Arkadaş tavsiyesi", "Tabela"}));
        }
        if (chance(random, 0.1)) {
            cf.put("vip", true);
        }
        stamp(p, createdAt, updatedAt);

        if (dupOf == null && lastNameShape == 0) {
            ctx.remember(new PracticeContext.Identity(id, first, last, dob.toString(), cleanEmail ? email : null,
                    nationalId));
        }
        return p;
    }

    private String firstName(boolean female) {
        return female ? ctx.faker.name().femaleFirstName() : ctx.faker.name().maleFirstName();
    }

    private LocalDate dateOfBirth() {
        int bucket = random.nextInt(100);
        int age = bucket < 8 ? 4 + random.nextInt(9) : bucket < 16 ? 13 + random.nextInt(5) : 18 + random.nextInt(68);
        return ctx.asOf.toLocalDate().minusYears(age).minusDays(random.nextInt(365));
    }

    /** Makes an e-mail unique (compared in lower case with Locale.ROOT) by adding digits before the @. */
    private String unique(String email) {
        String candidate = email;
        int n = 2;
        while (!ctx.emailKeys.add(LongHashSet.hash(candidate.toLowerCase(Locale.ROOT)))) {
            int at = candidate.indexOf('@');
            candidate = at > 0 ? email.substring(0, at) + n + email.substring(at) : n + email;
            n++;
        }
        return candidate;
    }

    public void rememberEmail(String email) {
        if (email != null) {
            ctx.emailKeys.add(LongHashSet.hash(email.toLowerCase(Locale.ROOT)));
        }
    }

    public String randomTreatmentType() {
        return TreatmentCatalogue.TREATMENT_TYPES.get(
                Distributions.weightedIndex(random, TreatmentCatalogue.TREATMENT_TYPE_WEIGHTS));
    }

    // ---------------------------------------------------------------- patient dependants

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
        stamp(c, openedAt, updated);
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
        b.put("total_amount", Money.decimal(total));
        b.put("paid_amount", Money.decimal(paid));
        b.put("outstanding_balance", Money.decimal(status.equals("WRITTEN_OFF") ? BigDecimal.ZERO : total.subtract(paid)));
        b.put("currency", treatmentCase.path("currency").asText("TRY"));
        b.put("status", status);
        OffsetDateTime created = Times.parse(treatmentCase.path("created_at").asText());
        OffsetDateTime updated = Times.parse(treatmentCase.path("updated_at").asText());
        stamp(b, created, between(random, updated, Times.min(updated.plusDays(30), ctx.asOf)));
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
        stamp(a, created, Times.max(created, updated));
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
        stamp(n, recordedAt, Times.min(ctx.asOf, recordedAt.plusMinutes(random.nextInt(180))));
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
        stamp(r, created, updated);
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
        stamp(r, at, Times.min(ctx.asOf, at.plusDays(random.nextInt(20))));
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

    /** An attachment's metadata and bytes; the bytes go to {@code attachments/{id}}. */
    public record Attachment(ObjectNode record, byte[] content) {
    }

    public Attachment attachment(String id, String ownerType, String ownerId, OffsetDateTime at) {
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
        a.put("sha256", sha256(content));
        stamp(a, at, at);
        return new Attachment(a, content);
    }

    // ---------------------------------------------------------------- helpers

    private static void stamp(ObjectNode node, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        node.put("created_at", iso(createdAt));
        node.put("updated_at", iso(Times.max(createdAt, updatedAt)));
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String sha256(byte[] content) {
        return dev.ferry.sim.dentes.datagen.realism.RecordHashes.sha256Hex(content);
    }
}
