package dev.ferry.sim.dentes.datagen.records;

import static dev.ferry.sim.dentes.datagen.realism.Distributions.between;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.chance;
import static dev.ferry.sim.dentes.datagen.realism.Distributions.pick;
import static dev.ferry.sim.dentes.datagen.records.Times.iso;
import static dev.ferry.sim.dentes.datagen.records.Vocabulary.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import dev.ferry.sim.dentes.datagen.realism.Distributions;
import dev.ferry.sim.dentes.datagen.realism.Emails;
import dev.ferry.sim.dentes.datagen.realism.LongHashSet;
import dev.ferry.sim.dentes.datagen.realism.NationalIds;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import dev.ferry.sim.dentes.datagen.realism.TurkishPhones;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Random;

/**
 * Patients: identity, contact details, leads, and the identity traps (duplicates, dangling refs, bad e-mails, no
 * contact channel).
 */
final class PatientRecords {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PracticeContext ctx;
    private final Random random;

    PatientRecords(PracticeContext ctx) {
        this.ctx = ctx;
        this.random = ctx.random;
    }

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
        // Rolled before the e-mail traps and excluding them: a patient without an e-mail cannot carry a bad one, so
        // the e-mail traps' eligible counts leave these patients out.
        boolean noContactChannel = ctx.dice.roll(Trap.NO_CONTACT_CHANNEL);
        if (noContactChannel) {
            ctx.sink.planted(Trap.NO_CONTACT_CHANNEL, "patients", id, "email,mobile_phone", null);
        }
        if (!noContactChannel) {
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
        // Tagged only as it is written: a family's shared address is remembered untagged and tagged alike.
        p.put("email", ctx.emailTag.apply(email));
        // Without an e-mail a patient always gets a mobile: being unreachable is the NO_CONTACT_CHANNEL trap, never
        // an accident (the end-to-end suite expects every rejected record to be a listed trap).
        p.put("mobile_phone", !noContactChannel && (email == null || chance(random, 0.95))
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
        Times.stamp(p, createdAt, updatedAt);

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

    public String randomTreatmentType() {
        return TreatmentCatalogue.TREATMENT_TYPES.get(
                Distributions.weightedIndex(random, TreatmentCatalogue.TREATMENT_TYPE_WEIGHTS));
    }
}
