package dev.ferry.mapper.mapping.proposal;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.FieldRule;
import dev.ferry.mapper.mapping.spec.ModuleRule;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.transform.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every source field a proposal places: the value fields the base spec reads (references, constants and names looked
 * up in the account's lists are structure, not fields, and are only noted), then the practice's custom-field keys and
 * custom-module fields from a discovery report, named the way the spec's rules name their Freshsales fields.
 */
public final class SourceFields {

    private final List<SourceField> fields = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private SourceFields() {
    }

    public static SourceFields of(CompiledSpec spec, DiscoveredSchema schema) {
        SourceFields out = new SourceFields();
        spec.mappings().values().forEach(m -> out.fromSpec(m));
        spec.mappings().values().forEach(m -> out.fromDiscovery(m, schema));
        return out;
    }

    public List<SourceField> fields() {
        return List.copyOf(fields);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    private void fromSpec(ResourceMapping m) {
        if (m.target() == null || m.target() == FreshsalesTarget.CUSTOM_MODULE_RECORD) {
            return;
        }
        String collection = m.target().settingsModule();
        for (FieldRule f : m.fields()) {
            if (f.reference() != null || f.constant() != null || f.from().isEmpty()) {
                continue;
            }
            if (f.transforms().stream().anyMatch(t -> t.name().equals("lookup"))) {
                notes.add(m.resource().path() + "." + f.sourceLabel() + " -> " + f.targetName()
                        + ": resolved by name in the account's own list at run time (preflight checks the names)");
                continue;
            }
            List<String> values = List.of();
            for (Transform t : f.transforms()) {
                if (!t.values().isEmpty()) {
                    values = t.values();
                }
            }
            fields.add(new SourceField(m.resource().path(), f.sourceLabel(), "spec", collection, typeOf(f),
                    values, f.targetName(), null));
        }
    }

    private static String typeOf(FieldRule f) {
        String type = f.proposedType();
        if (type.equals("decimal") && money(f.sourceLabel())) {
            return "currency";
        }
        return type;
    }

    private void fromDiscovery(ResourceMapping m, DiscoveredSchema schema) {
        if (m.customFields() != null && m.target() != null) {
            for (DiscoveredSchema.CustomFieldKey k : schema.customFields()) {
                if (m.resource().path().equals(k.resource())) {
                    fields.add(new SourceField(k.resource(), m.customFields().from().dotted() + "." + k.key(),
                            "custom-field", m.target().settingsModule(), typeOfObserved(k.valueTypes()), List.of(),
                            m.customFields().prefix() + ModuleRule.part(k.key()), observed(k.valueTypes())));
                }
            }
        }
        ModuleRule rule = m.module();
        if (rule == null) {
            return;
        }
        for (DiscoveredSchema.Module module : schema.modules()) {
            if (module.deleted()) {
                continue;
            }
            boolean one = "ONE_PER_PATIENT".equals(module.cardinality());
            for (DiscoveredSchema.ModuleField f : module.fields()) {
                if (rule.notMigratedValues().containsKey(f.key())) {
                    continue;
                }
                String type = switch (f.type() == null ? "TEXT" : f.type().toUpperCase(Locale.ROOT)) {
                    case "NUMBER" -> money(f.key()) ? "currency" : "number";
                    case "DATE" -> "date";
                    case "BOOLEAN" -> "checkbox";
                    case "CHOICE" -> "dropdown";
                    default -> "text";
                };
                fields.add(new SourceField(m.resource().path(), module.key() + "." + f.key(), "module",
                        one ? FreshsalesTarget.CONTACT.settingsModule() : rule.entityOf(module.key()), type,
                        f.choices(), one ? rule.contactFieldOf(module.key(), f.key()) : ModuleRule.recordFieldOf(f.key()),
                        "declared " + (f.type() == null ? "TEXT" : f.type())));
            }
        }
    }

    /** The type most values had; text when text and another type were both seen (the field then holds both). */
    static String typeOfObserved(Map<String, Long> valueTypes) {
        Map<String, Long> seen = valueTypes.entrySet().stream()
                .filter(e -> !e.getKey().equals("null") && e.getValue() != null && e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (seen.size() != 1) {
            return "text";
        }
        return switch (seen.keySet().iterator().next()) {
            case "number" -> "number";
            case "date" -> "date";
            case "boolean" -> "checkbox";
            default -> "text";
        };
    }

    private static String observed(Map<String, Long> valueTypes) {
        return valueTypes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** An amount of money by its name (a total, a balance, a price): a currency field, not a bare number. */
    static boolean money(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.matches(".*(amount|total|balance|price|cost|paid|fee).*");
    }
}
