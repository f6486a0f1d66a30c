package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.contracts.PrimaryEmail;
import java.util.Set;

/**
 * The fields the Freshsales module a record was written to can hold, when they are not every field the map promises.
 * A Classic account writes a patient without a contact's standing as a lead (issue 10), and its leads have fewer fields
 * than contacts: the mapper leaves out what the account's lead definitions lack ({@code LeadFields}, with a note) and
 * writes one {@code email} where contacts keep an {@code emails} list. The sample diff must read the lead the same way,
 * or every such field of every lead is reported missing (7 of 112 sampled patients of the Classic demo, and a sample
 * that can never come out equal).
 *
 * @param names the module's field names, custom ones ({@code cf_*}) included; null means every field
 */
public record TargetFields(Set<String> names) {

    /** A module that holds whatever the map promises (contacts, accounts, deals...). */
    public static final TargetFields ANY = new TargetFields(null);

    static final String EMAILS = "emails";
    static final String EMAIL = "email";

    public TargetFields {
        names = names == null ? null : Set.copyOf(names);
    }

    /** Whether the module has a field of this name (a custom field by its own name, without {@code custom_field.}). */
    public boolean holds(String field) {
        return names == null || names.contains(field);
    }

    /** The primary address of an {@code emails} promise, as the mapper picks it for a lead; null when none. */
    static JsonNode primaryEmail(JsonNode emails) {
        String primary = PrimaryEmail.of(emails);
        return primary == null ? null : TextNode.valueOf(primary);
    }
}
