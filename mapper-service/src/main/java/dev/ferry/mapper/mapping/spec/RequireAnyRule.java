package dev.ferry.mapper.mapping.spec;

import java.util.List;

/**
 * At least one of several target fields must hold a value once the field rules ran, or the record is rejected with
 * {@code rule}. A value a field rule left out (an invalid phone dropped with a note, a custom field the account lacks)
 * counts as absent: the check looks at what would be sent, which is what Freshsales judges.
 *
 * <p>Why: Freshsales refuses a contact with neither an e-mail nor a mobile number. Without this rule such a patient
 * becomes a command that fails only after the loader spent its API calls on it; with it, the operator reads the
 * reason on the {@code REJECTED} outcome before anything is sent.
 *
 * @param fields target paths, each written by one of the mapping's field rules
 * @param rule the rejection rule (a name {@code Rules} knows)
 * @param sourceFields the source fields an operator has to fill, named in the rejection's field and sentence
 */
public record RequireAnyRule(List<String> fields, String rule, List<String> sourceFields) {
    public RequireAnyRule {
        fields = List.copyOf(fields);
        sourceFields = List.copyOf(sourceFields);
    }
}
