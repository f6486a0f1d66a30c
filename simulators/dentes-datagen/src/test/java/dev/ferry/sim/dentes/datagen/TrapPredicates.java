package dev.ferry.sim.dentes.datagen;

import static dev.ferry.sim.dentes.datagen.LoadedDataset.deleted;
import static dev.ferry.sim.dentes.datagen.LoadedDataset.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.sim.dentes.datagen.model.Trap;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds each trap in a dataset by looking at the records only, written independently of the generator, so that
 * "the manifest lists exactly the records that carry the trap" is a real check.
 */
final class TrapPredicates {

    /** Simpler and stricter than the generator's pattern: one @, no spaces or commas, a dotted domain. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]+@[^@\\s,.]+(\\.[^@\\s,.]+)*\\.[^@\\s,.\\d]{2,}$");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("\\d,\\d\\d");

    private TrapPredicates() {
    }

    static Map<Trap, Function<LoadedDataset, Set<String>>> all() {
        return Map.ofEntries(
                Map.entry(Trap.DUPLICATE_PATIENT_NAME_DOB, TrapPredicates::duplicateNameDob),
                Map.entry(Trap.DUPLICATE_PATIENT_EMAIL, TrapPredicates::duplicateEmail),
                Map.entry(Trap.DANGLING_PATIENT_CLINIC, ds -> dangling(ds, "clinic_id", "clinics")),
                Map.entry(Trap.DANGLING_PATIENT_PRACTITIONER, ds -> dangling(ds, "primary_practitioner_id", "practitioners")),
                Map.entry(Trap.MISSING_REQUIRED_FIELD, TrapPredicates::missingRequired),
                Map.entry(Trap.INVALID_EMAIL, ds -> patients(ds, "email",
                        p -> text(p, "email") != null && !EMAIL.matcher(text(p, "email")).matches())),
                Map.entry(Trap.TURKISH_CASE_EMAIL, ds -> patients(ds, "email", p -> {
                    String e = text(p, "email");
                    return e != null && EMAIL.matcher(e).matches()
                            && (!e.equals(e.toLowerCase(Locale.ROOT)) || !e.chars().allMatch(c -> c < 128));
                })),
                Map.entry(Trap.NO_CONTACT_CHANNEL, ds -> patients(ds, "email,mobile_phone",
                        p -> text(p, "email") == null && text(p, "mobile_phone") == null)),
                Map.entry(Trap.NOTE_OVER_32KB, ds -> where(ds, "clinical-notes", "body",
                        n -> n.path("body").asText().getBytes(StandardCharsets.UTF_8).length > 32 * 1024)),
                Map.entry(Trap.VOICE_CAPTURE_METADATA, ds -> where(ds, "clinical-notes", "voice_capture",
                        n -> n.hasNonNull("voice_capture"))),
                Map.entry(Trap.APPOINTMENT_NONPOSITIVE_DURATION, ds -> where(ds, "appointments", "duration_minutes",
                        a -> a.path("duration_minutes").asInt() <= 0)),
                Map.entry(Trap.APPOINTMENT_CANCELLED, ds -> where(ds, "appointments", "status",
                        a -> a.path("status").asText().equals("CANCELLED"))),
                Map.entry(Trap.AMOUNT_COMMA_DECIMAL_IN_TEXT, ds -> where(ds, "appointments", "notes",
                        a -> text(a, "notes") != null && COMMA_DECIMAL.matcher(text(a, "notes")).find())),
                Map.entry(Trap.RECALL_DUE_IN_PAST, TrapPredicates::recallDueInPast),
                Map.entry(Trap.BILLING_WITHOUT_CASE, ds -> where(ds, "billing-records", "treatment_case_id",
                        b -> text(b, "treatment_case_id") == null)),
                Map.entry(Trap.BILLING_SEVERAL_PER_CASE, TrapPredicates::laterBillingOfACase),
                Map.entry(Trap.BILLING_COVERAGE_OVER_100, ds -> where(ds, "billing-records", "coverage_percent",
                        b -> b.path("coverage_percent").decimalValue().compareTo(java.math.BigDecimal.valueOf(100)) > 0)),
                Map.entry(Trap.BILLING_COMMA_DECIMAL, ds -> where(ds, "billing-records", "total_amount",
                        b -> text(b, "total_amount").contains(","))),
                Map.entry(Trap.BILLING_CREDIT_BALANCE, ds -> where(ds, "billing-records", "outstanding_balance",
                        b -> text(b, "outstanding_balance").startsWith("-"))),
                Map.entry(Trap.BILLING_CURRENCY_MISMATCH, TrapPredicates::billedInAnotherCurrency),
                Map.entry(Trap.CUSTOM_FIELD_TYPE_MISMATCH, TrapPredicates::typeMismatch),
                Map.entry(Trap.AI_RADIOGRAPH_SETTINGS, ds -> where(ds, "custom-modules/imaging/records", "values.ai_settings",
                        r -> r.path("values").has("ai_settings"))),
                Map.entry(Trap.INTEGRATION_SECRET_CREDENTIALS, ds -> where(ds, "integrations", "credentials",
                        i -> i.path("credentials").size() > 0)),
                Map.entry(Trap.PRACTITIONER_NO_EMAIL, ds -> where(ds, "practitioners", "email",
                        p -> text(p, "email") == null)),
                Map.entry(Trap.SOFT_DELETED, TrapPredicates::softDeleted),
                Map.entry(Trap.SAME_UPDATED_AT_BATCH, TrapPredicates::batchTies));
    }

    private static Set<String> where(LoadedDataset ds, String resource, String field,
                                     java.util.function.Predicate<JsonNode> p) {
        return ds.of(resource).stream().filter(p)
                .map(r -> resource + "|" + r.path("id").asText() + "|" + field).collect(Collectors.toSet());
    }

    /** Billing records whose currency is not their treatment case's. */
    private static Set<String> billedInAnotherCurrency(LoadedDataset ds) {
        Map<String, String> currencyOfCase = new java.util.HashMap<>();
        ds.of("treatment-cases").forEach(c -> currencyOfCase.put(c.path("id").asText(), text(c, "currency")));
        return where(ds, "billing-records", "currency", b -> text(b, "treatment_case_id") != null
                && !java.util.Objects.equals(currencyOfCase.get(text(b, "treatment_case_id")), text(b, "currency")));
    }

    /** Billing records of a case that has another billing record with a lower id. */
    private static Set<String> laterBillingOfACase(LoadedDataset ds) {
        Map<String, String> lowest = new java.util.HashMap<>();
        for (JsonNode b : ds.of("billing-records")) {
            String c = text(b, "treatment_case_id");
            String id = b.path("id").asText();
            if (c != null) {
                lowest.merge(c, id, (x, y) -> x.compareTo(y) <= 0 ? x : y);
            }
        }
        return where(ds, "billing-records", "treatment_case_id", b -> text(b, "treatment_case_id") != null
                && !lowest.get(text(b, "treatment_case_id")).equals(b.path("id").asText()));
    }

    private static Set<String> patients(LoadedDataset ds, String field, java.util.function.Predicate<JsonNode> p) {
        return where(ds, "patients", field, p);
    }

    private static Set<String> duplicateNameDob(LoadedDataset ds) {
        Set<String> seen = new HashSet<>();
        Set<String> hits = new HashSet<>();
        for (JsonNode p : ds.of("patients")) {
            String key = text(p, "first_name") + "|" + text(p, "last_name") + "|" + text(p, "date_of_birth");
            if (!seen.add(key)) {
                hits.add("patients|" + p.path("id").asText() + "|first_name,last_name,date_of_birth");
            }
        }
        return hits;
    }

    private static Set<String> duplicateEmail(LoadedDataset ds) {
        Set<String> seen = new HashSet<>();
        Set<String> hits = new HashSet<>();
        for (JsonNode p : ds.of("patients")) {
            String e = text(p, "email");
            if (e != null && !seen.add(e.toLowerCase(Locale.ROOT))) {
                hits.add("patients|" + p.path("id").asText() + "|email");
            }
        }
        return hits;
    }

    private static Set<String> dangling(LoadedDataset ds, String field, String target) {
        Set<String> live = ds.of(target).stream().filter(r -> !deleted(r)).map(r -> r.path("id").asText())
                .collect(Collectors.toSet());
        return patients(ds, field, p -> text(p, field) != null && !live.contains(text(p, field)));
    }

    private static Set<String> missingRequired(LoadedDataset ds) {
        Set<String> hits = new HashSet<>(patients(ds, "last_name", p -> blank(text(p, "last_name"))));
        hits.addAll(where(ds, "treatment-cases", "title", c -> blank(text(c, "title"))));
        hits.addAll(where(ds, "recalls", "reason", r -> blank(text(r, "reason"))));
        return hits;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Set<String> recallDueInPast(LoadedDataset ds) {
        LocalDate today = OffsetDateTime.parse(ds.manifest.path("generated_at").asText()).toLocalDate();
        return where(ds, "recalls", "due_date", r -> r.path("status").asText().equals("PENDING")
                && LocalDate.parse(r.path("due_date").asText()).isBefore(today));
    }

    private static Set<String> typeMismatch(LoadedDataset ds) {
        Set<String> hits = new HashSet<>();
        for (JsonNode module : ds.of("custom-modules")) {
            String resource = "custom-modules/" + module.path("key").asText() + "/records";
            for (JsonNode r : ds.of(resource)) {
                for (JsonNode f : module.path("fields")) {
                    JsonNode v = r.path("values").get(f.path("key").asText());
                    if (v != null && !v.isNull() && !fits(v, f)) {
                        hits.add(resource + "|" + r.path("id").asText() + "|values." + f.path("key").asText());
                    }
                }
            }
        }
        return hits;
    }

    private static boolean fits(JsonNode v, JsonNode field) {
        switch (field.path("type").asText()) {
            case "NUMBER":
                return v.isNumber();
            case "BOOLEAN":
                return v.isBoolean();
            case "DATE":
                try {
                    return v.isTextual() && LocalDate.parse(v.asText()) != null;
                } catch (RuntimeException e) {
                    return false;
                }
            case "CHOICE":
                List<String> choices = new java.util.ArrayList<>();
                field.path("choices").forEach(c -> choices.add(c.asText()));
                return v.isTextual() && choices.contains(v.asText());
            default:
                return v.isTextual();
        }
    }

    private static Set<String> softDeleted(LoadedDataset ds) {
        Set<String> hits = new HashSet<>();
        ds.records.forEach((resource, list) -> hits.addAll(where(ds, resource, "deleted", LoadedDataset::deleted)));
        return hits;
    }

    /** Live patients and appointments whose updated_at is one of the bulk-update instants named in the manifest. */
    private static Set<String> batchTies(LoadedDataset ds) {
        Set<String> instants = new HashSet<>();
        ds.manifest.path("traps").path("SAME_UPDATED_AT_BATCH").forEach(e -> instants.add(e.path("detail").asText()));
        Set<String> hits = new HashSet<>();
        for (String resource : List.of("patients", "appointments")) {
            hits.addAll(where(ds, resource, "updated_at",
                    r -> !deleted(r) && instants.contains(r.path("updated_at").asText())));
        }
        return hits;
    }
}
