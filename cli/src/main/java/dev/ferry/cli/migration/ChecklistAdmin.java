package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;

/**
 * What a Freshsales admin makes of one line of a preflight's field-creation checklist, as the Freshsales sandbox's
 * {@code PUT /_sim/fields/{module}/{name}} takes it: the demo's stand-in for the person who reads
 * {@code field-checklist.csv} ({@link MigrationDriver#followFieldChecklist}).
 */
public final class ChecklistAdmin {

    private ChecklistAdmin() {
    }

    /**
     * Whether the admin acts on the line: a field to create or a dropdown missing values. A present field needs
     * nothing, and a type that differs is a person's decision (preflight says what), not the demo's.
     */
    public static boolean acts(JsonNode line) {
        String status = line.path("status").asText();
        return !status.equals("PRESENT") && !status.equals("TYPE_DIFFERS");
    }

    /**
     * The field to put: the line's label and type (currency as number: the sandbox, like Freshsales, keeps money in
     * number fields) and its choices; for a dropdown missing values, the field's existing type and choices first.
     *
     * @param existing the module's fields as the sandbox lists them (may be empty)
     */
    public static ObjectNode field(JsonNode line, JsonNode existing) {
        String type = line.path("type").asText().equals("currency") ? "number" : line.path("type").asText();
        ObjectNode field = FerryJson.mapper().createObjectNode().put("label", line.path("label").asText())
                .put("type", type).put("default", false);
        ArrayNode choices = field.putArray("choices");
        if (line.path("status").asText().equals("CHOICES_MISSING")) {
            for (JsonNode f : existing) {
                if (f.path("name").asText().equals(line.path("name").asText())) {
                    f.path("choices").forEach(c -> choices.addObject().put("value", c.path("value").asText()));
                    field.put("type", f.path("type").asText());
                }
            }
        }
        line.path("choices").forEach(c -> choices.addObject().put("value", c.asText()));
        return field;
    }
}
