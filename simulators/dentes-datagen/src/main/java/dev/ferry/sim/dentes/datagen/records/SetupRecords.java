package dev.ferry.sim.dentes.datagen.records;

import static dev.ferry.sim.dentes.datagen.realism.Distributions.chance;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.pick;
import static dev.ferry.sim.dentes.datagen.records.Vocabulary.*;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.realism.Emails;
import dev.ferry.sim.dentes.datagen.realism.Money;
import dev.ferry.sim.dentes.datagen.realism.NationalIds;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import dev.ferry.sim.dentes.datagen.realism.TurkishPhones;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** The fixed parts of a practice: clinics, staff, catalogue, custom-module definitions, workflows, integrations. */
final class SetupRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PracticeContext ctx;
    private final Random random;

    SetupRecords(PracticeContext ctx) {
        this.ctx = ctx;
        this.random = ctx.random;
    }

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
        Times.stamp(c, createdAt, updatedAt);
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
        Times.stamp(p, createdAt, updatedAt);
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
        Times.stamp(p, createdAt, updatedAt);
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
        Times.stamp(m, createdAt, updatedAt);
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
        Times.stamp(w, createdAt, updatedAt);
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
        Times.stamp(i, createdAt, updatedAt);
        return i;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
