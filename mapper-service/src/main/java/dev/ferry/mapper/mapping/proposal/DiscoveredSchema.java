package dev.ferry.mapper.mapping.proposal;

import java.util.List;
import java.util.Map;

/**
 * The schema part of a discovery report (extractor {@code POST /discoveries}): the practice's custom-field keys with
 * the value types seen, and its custom modules with their declared fields. Nothing else of the report is read (its
 * findings name patient ids; a proposal never needs them).
 *
 * @param discoveryId the report's id, named in the proposal
 */
public record DiscoveredSchema(String discoveryId, List<CustomFieldKey> customFields, List<Module> modules) {

    public static final DiscoveredSchema NONE = new DiscoveredSchema(null, List.of(), List.of());

    public DiscoveredSchema {
        customFields = customFields == null ? List.of() : List.copyOf(customFields);
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    /** A key of a resource's {@code custom_fields}, with how many values of each JSON type were seen. */
    public record CustomFieldKey(String resource, String key, Map<String, Long> valueTypes) {
        public CustomFieldKey {
            valueTypes = valueTypes == null ? Map.of() : Map.copyOf(valueTypes);
        }
    }

    /** A custom-module definition. */
    public record Module(String key, String name, String cardinality, boolean deleted, List<ModuleField> fields) {
        public Module {
            fields = fields == null ? List.of() : List.copyOf(fields);
        }
    }

    /** A declared field: type TEXT, NUMBER, DATE, BOOLEAN or CHOICE (with its choices). */
    public record ModuleField(String key, String label, String type, List<String> choices) {
        public ModuleField {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }
}
