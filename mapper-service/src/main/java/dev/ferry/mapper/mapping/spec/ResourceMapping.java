package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * @param stage a deal's pipeline and stage from a source code, or null
 * @param price a product's price in its currency, or null
 * @param lineItems a deal's line items from a list of the source record, or null
 * @param unique uniqueness rules
 * @param requireAny groups of target fields of which at least one must hold a value after the field rules ran
 * @param customFields the practice's custom fields, or null
 * @param ownerEmail for {@link MappingAction#MATCH_OWNER}: the source path of the e-mail
 * @param notMigrated source fields deliberately left behind, with the reason (documentation)
 * @param agree values that must agree with the same fact of the record's parent
 * @param module for {@link MappingAction#MODULE_RECORD}: how a custom-module record maps, else null
 * @param span a start and an end from a start and a length in minutes (an appointment), or null
 * @param texts text fields composed of labelled lines (facts the target has no field for)
 * @param note for {@link MappingAction#NOTE}: how a clinical note maps, else null
 * @param attachment for {@link MappingAction#ATTACHMENT}: how an attachment maps, else null
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
        StageRule stage,
        PriceRule price,
        LineItemsRule lineItems,
        List<UniqueRule> unique,
        List<RequireAnyRule> requireAny,
        CustomFieldsRule customFields,
        SourcePath ownerEmail,
        Map<String, String> notMigrated,
        List<AgreeRule> agree,
        ModuleRule module,
        SpanRule span,
        List<TextRule> texts,
        NoteRule note,
        AttachmentRule attachment) {

    /** A mapping of any action but {@link MappingAction#ATTACHMENT}. */
    public ResourceMapping(SourceResource resource, MappingAction action, FreshsalesTarget target,
            List<String> identifier, SourcePath partitionKey, List<SourceResource> waitFor, List<FieldRule> fields,
            LifecycleRule lifecycle, OwnerRule owner, StageRule stage, PriceRule price, LineItemsRule lineItems,
            List<UniqueRule> unique, List<RequireAnyRule> requireAny, CustomFieldsRule customFields,
            SourcePath ownerEmail, Map<String, String> notMigrated, List<AgreeRule> agree, ModuleRule module,
            SpanRule span, List<TextRule> texts, NoteRule note) {
        this(resource, action, target, identifier, partitionKey, waitFor, fields, lifecycle, owner, stage, price,
                lineItems, unique, requireAny, customFields, ownerEmail, notMigrated, agree, module, span, texts, note,
                null);
    }

    public ResourceMapping {
        identifier = identifier == null ? List.of() : List.copyOf(identifier);
        waitFor = waitFor == null ? List.of() : List.copyOf(waitFor);
        fields = fields == null ? List.of() : List.copyOf(fields);
        unique = unique == null ? List.of() : List.copyOf(unique);
        requireAny = requireAny == null ? List.of() : List.copyOf(requireAny);
        notMigrated = notMigrated == null ? Map.of() : Map.copyOf(notMigrated);
        agree = agree == null ? List.of() : List.copyOf(agree);
        texts = texts == null ? List.of() : List.copyOf(texts);
    }

    /** Fields every record keeps whatever its mapping reads: its identity, version and deletion mark. */
    public static final Set<String> KEY_FIELDS = Set.of("id", "updated_at", "deleted", "deleted_at");

    /**
     * What the owner report reads of a matched-to-a-user record besides its e-mail, and the clinics a practitioner
     * works at (an office manager owns the clinic's records that name no practitioner of their own).
     */
    public static final Set<String> OWNER_REPORT_FIELDS = Set.of("first_name", "last_name", "role", "active",
            "clinic_ids");

    /**
     * The top-level source fields this mapping reads, and the key fields: what the extractor publishes of a record
     * (issue 8, hole 7). A field the spec does not read (a national id) never reaches Kafka, the mapper's tables or
     * its logs. A path {@code address.city} needs the whole {@code address} object.
     */
    public Set<String> sourceFields() {
        Set<String> out = new TreeSet<>(KEY_FIELDS);
        List<SourcePath> paths = new ArrayList<>();
        for (FieldRule f : fields) {
            paths.addAll(f.from());
            if (f.reference() != null) {
                paths.add(f.reference().from());
            }
        }
        if (lifecycle != null) {
            paths.add(lifecycle.convertedWhenPresent());
        }
        if (owner != null) {
            paths.add(owner.from());
            paths.add(owner.officeManagerOf());
        }
        if (stage != null) {
            paths.add(stage.from());
        }
        if (price != null) {
            paths.add(price.amount());
            paths.add(price.currency());
        }
        if (lineItems != null) {
            paths.add(lineItems.from());
        }
        unique.forEach(u -> paths.add(u.field()));
        requireAny.forEach(r -> r.sourceFields().forEach(f -> paths.add(SourcePath.of(f))));
        if (customFields != null) {
            paths.add(customFields.from());
        }
        paths.add(ownerEmail);
        paths.add(partitionKey);
        for (AgreeRule a : agree) {
            paths.add(a.field());
            paths.add(a.via());
        }
        if (span != null) {
            paths.add(span.start());
            paths.add(span.minutes());
        }
        texts.forEach(t -> t.lines().forEach(l -> paths.add(l.from())));
        if (note != null) {
            paths.add(note.patient().reference().from());
            paths.add(note.treatmentCase().reference().from());
            paths.add(note.title());
            paths.add(note.body());
        }
        if (attachment != null) {
            paths.add(attachment.ownerType());
            paths.add(attachment.patient().reference().from());
            paths.add(attachment.fileName());
            paths.add(attachment.contentType());
            paths.add(attachment.size());
            paths.add(attachment.sha256());
        }
        if (module != null) {
            paths.add(module.values());
            paths.add(module.onto().reference().from());
            module.links().forEach(l -> paths.add(l.reference().from()));
        }
        if (action == MappingAction.DEFINE_MODULES) {
            // What decides where a module's records go; definitions are schema, not patient data.
            out.addAll(dev.ferry.mapper.mapping.ModuleDefinition.FACTS);
        }
        if (action == MappingAction.DOCUMENT) {
            // The named fields of a rebuild-document entry; an integration's credentials are never among them.
            out.addAll(dev.ferry.mapper.mapping.RebuildEntries.fieldsOf(resource));
        }
        if (action == MappingAction.MATCH_OWNER) {
            // The owner report lists each practitioner by name and role (staff, not patient data).
            out.addAll(OWNER_REPORT_FIELDS);
        }
        for (SourcePath p : paths) {
            if (p != null) {
                out.add(p.dotted().split("\\.", 2)[0]);
            }
        }
        return out;
    }
}
