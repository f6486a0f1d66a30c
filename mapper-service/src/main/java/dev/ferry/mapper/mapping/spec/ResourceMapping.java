package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;

/**
 * How the records of one source resource are mapped.
 *
 * @param resource the source resource
 * @param action upsert into a collection, or match to a Freshsales user
 * @param target the collection written (upsert only)
 * @param identifier target paths whose values form the upsert identifier ({@code custom_field.cf_dentes_id} gives
 *     {@code {"cf_dentes_id": ...}})
 * @param partitionKey the source path of the Kafka key of the command
 * @param waitFor resources whose records of the run must all be known (manifest count reached) before a record of
 *     this resource is mapped
 * @param fields the field rules, in spec order (the first failing rule decides a rejection)
 * @param lifecycle lead or customer, or null
 * @param owner owner resolution, or null
 * @param unique uniqueness rules
 * @param requireAny groups of target fields of which at least one must hold a value after the field rules ran
 * @param customFields the practice's custom fields, or null
 * @param ownerEmail for {@link MappingAction#MATCH_OWNER}: the source path of the e-mail
 * @param notMigrated source fields deliberately left behind, with the reason (documentation)
 */
public record ResourceMapping(
        SourceResource resource,
        MappingAction action,
        FreshsalesTarget target,
        List<String> identifier,
        SourcePath partitionKey,
        List<SourceResource> waitFor,
        List<FieldRule> fields,
        LifecycleRule lifecycle,
        OwnerRule owner,
        List<UniqueRule> unique,
        List<RequireAnyRule> requireAny,
        CustomFieldsRule customFields,
        SourcePath ownerEmail,
        Map<String, String> notMigrated) {

    public ResourceMapping {
        identifier = identifier == null ? List.of() : List.copyOf(identifier);
        waitFor = waitFor == null ? List.of() : List.copyOf(waitFor);
        fields = fields == null ? List.of() : List.copyOf(fields);
        unique = unique == null ? List.of() : List.copyOf(unique);
        requireAny = requireAny == null ? List.of() : List.copyOf(requireAny);
        notMigrated = notMigrated == null ? Map.of() : Map.copyOf(notMigrated);
    }
}
