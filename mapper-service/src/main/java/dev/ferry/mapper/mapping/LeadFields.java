package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.contracts.PrimaryEmail;
import java.util.ArrayList;
import java.util.List;

/**
 * A patient's contact fields made into a Classic lead's (issue 10). The patients mapping writes a contact; a lead is
 * another module with fewer fields (reference 5.4, 5.11: {@code /settings/leads/fields} on Classic), and Freshsales
 * refuses a custom field the module does not have. When the loader sent the account's lead field definitions, every
 * field they lack is left out with a note (names only, never values): one e-mail ({@code email}) where leads have no
 * {@code emails} list. The identifier's custom field always stays: a lead without it could never be found again.
 * Without lead definitions nothing is guessed beyond the contact-only links the lifecycle step already removed.
 */
final class LeadFields {

    static final String COLLECTION = "leads";

    private LeadFields() {
    }

    static void shape(ObjectNode fields, TargetView target, List<String> identifierPaths, List<String> notes) {
        if (!target.knowsFieldsOf(COLLECTION)) {
            return;
        }
        JsonNode emails = fields.get("emails");
        if (emails != null && target.field(COLLECTION, "emails").isEmpty()
                && target.field(COLLECTION, "email").isPresent() && !fields.has("email")) {
            String primary = PrimaryEmail.of(emails);
            fields.remove("emails");
            if (primary != null) {
                fields.set("email", TextNode.valueOf(primary));
                notes.add("emails written as the lead's email: Freshsales Classic leads keep one e-mail address");
            }
        }
        for (String name : new ArrayList<>(iterable(fields))) {
            if (!"custom_field".equals(name) && target.field(COLLECTION, name).isEmpty()) {
                fields.remove(name);
                notes.add(name + " left out: the account's leads have no such field");
            }
        }
        JsonNode cf = fields.get("custom_field");
        if (cf instanceof ObjectNode custom) {
            for (String name : new ArrayList<>(iterable(custom))) {
                if (target.field(COLLECTION, name).isEmpty() && !identifierPaths.contains("custom_field." + name)) {
                    custom.remove(name);
                    notes.add("custom_field." + name + " left out: the account's leads have no such field");
                }
            }
        }
    }

    private static List<String> iterable(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
