package dev.ferry.sim.dentes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.realism.ClinicalText;
import dev.ferry.sim.dentes.datagen.realism.Money;
import dev.ferry.sim.dentes.datagen.realism.TurkishPhones;
import dev.ferry.sim.dentes.datagen.records.Times;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Random;

/** The edits a practice makes to existing records during a cutover window, one plausible change per record. */
final class RecordModifier {

    private RecordModifier() {
    }

    static void modify(String resource, ObjectNode r, Random random, OffsetDateTime now) {
        switch (resource) {
            case "patients" -> {
                switch (random.nextInt(3)) {
                    case 0 -> r.put("mobile_phone", TurkishPhones.randomlyWritten(TurkishPhones.mobileDigits(random), random));
                    case 1 -> r.put("status", "ACTIVE".equals(r.path("status").asText()) ? "INACTIVE" : "ACTIVE");
                    default -> r.put("consent_sms", !r.path("consent_sms").asBoolean(false));
                }
            }
            case "appointments" -> {
                String status = r.path("status").asText();
                if ("SCHEDULED".equals(status) && random.nextBoolean()) {
                    r.put("status", "CANCELLED");
                    r.put("cancel_reason", "Hasta aradı, ertelendi");
                } else {
                    r.put("status", "SCHEDULED".equals(status) ? "COMPLETED" : status);
                    r.put("notes", ClinicalText.sentence(random));
                }
            }
            case "treatment-cases" -> r.put("stage", switch (r.path("stage").asText()) {
                case "NEW" -> "IN_TREATMENT";
                case "IN_TREATMENT" -> "AWAITING_PAYMENT";
                default -> "COMPLETED";
            });
            case "clinical-notes" -> r.put("body", r.path("body").asText("") + "\n" + ClinicalText.sentence(random));
            case "recalls" -> {
                r.put("status", "COMPLETED");
                r.put("completed_at", Times.iso(now));
            }
            case "billing-records" -> {
                BigDecimal total = decimal(r.path("total_amount"));
                BigDecimal paid = decimal(r.path("paid_amount")).add(total.subtract(decimal(r.path("paid_amount")))
                        .divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.HALF_UP));
                r.put("paid_amount", Money.decimal(paid));
                r.put("outstanding_balance", Money.decimal(total.subtract(paid)));
                r.put("status", paid.compareTo(total) >= 0 ? "PAID" : "PARTIALLY_PAID");
            }
            case "practitioners", "clinics" -> r.put("phone",
                    TurkishPhones.randomlyWritten(TurkishPhones.mobileDigits(random), random));
            case "products" -> r.put("unit_price", Money.decimal(decimal(r.path("unit_price"))
                    .multiply(BigDecimal.valueOf(110)).divide(BigDecimal.valueOf(100))));
            case "workflows", "integrations" -> r.put("active", !r.path("active").asBoolean(true));
            case "attachments" -> r.put("file_name", "yeniden_adlandirildi_" + r.path("file_name").asText("dosya"));
            case "custom-modules" -> r.put("name", r.path("name").asText("Modül") + " (güncellendi)");
            default -> {
                ObjectNode values = r.with("values");
                values.put("updated_note", ClinicalText.sentence(random));
            }
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return new BigDecimal(n.asText("0"));
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
