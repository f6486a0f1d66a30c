package dev.ferry.mapper.mapping;

import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.DealPipeline;
import dev.ferry.contracts.TargetMetadata.DealStage;
import dev.ferry.contracts.TargetMetadata.Entry;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.contracts.TargetMetadata.LifecycleStage;
import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.sourcetext.EmailAddresses;
import dev.ferry.sourcetext.TextKeys;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target account's metadata indexed for mapping: users by folded e-mail, list entries by loose name, field
 * definitions by collection and name. Built once per run; immutable.
 */
public final class TargetView {

    private final TargetMetadata metadata;
    private final Map<String, Owner> ownersByEmail = new HashMap<>();
    private final Map<String, List<Owner>> ownersByAscii = new HashMap<>();
    private final Map<String, Map<String, Entry>> tables = new HashMap<>();
    private final Map<String, Map<String, FieldDef>> fields = new HashMap<>();

    public TargetView(TargetMetadata metadata) {
        this.metadata = metadata;
        for (Owner o : metadata.owners()) {
            String key = EmailAddresses.fold(o.email());
            if (key != null) {
                ownersByEmail.putIfAbsent(key, o);
                ownersByAscii.computeIfAbsent(TextKeys.ascii(key), k -> new java.util.ArrayList<>()).add(o);
            }
        }
        for (String table : TargetMetadata.LOOKUP_TABLES) {
            Map<String, Entry> byName = new LinkedHashMap<>();
            for (Entry e : entries(table)) {
                if (e.name() != null) {
                    byName.putIfAbsent(TextKeys.loose(e.name()), e);
                }
            }
            tables.put(table, byName);
        }
        metadata.fields().forEach((collection, defs) -> {
            Map<String, FieldDef> byName = new LinkedHashMap<>();
            for (FieldDef d : defs) {
                if (d.name() != null) {
                    byName.putIfAbsent(d.name(), d);
                }
            }
            fields.put(collection, byName);
        });
    }

    public TargetMetadata metadata() {
        return metadata;
    }

    /** The user whose e-mail folds to the same address. */
    public Optional<Owner> ownerByEmail(String email) {
        String key = EmailAddresses.fold(email);
        return key == null ? Optional.empty() : Optional.ofNullable(ownersByEmail.get(key));
    }

    /**
     * A user whose address differs from {@code email} only by accents or the dotless ı, when exactly one does: a hint
     * for the person reading the owner report, never used to assign an owner.
     */
    public Optional<Owner> lookalikeOwner(String email) {
        String key = EmailAddresses.fold(email);
        if (key == null) {
            return Optional.empty();
        }
        List<Owner> candidates = ownersByAscii.getOrDefault(TextKeys.ascii(key), List.of());
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The entry of a lookup table whose name matches loosely ({@link TextKeys#loose}). */
    public Optional<Entry> lookup(String table, String name) {
        Map<String, Entry> byName = tables.get(table);
        if (byName == null) {
            throw new IllegalArgumentException("no lookup table " + table);
        }
        return Optional.ofNullable(byName.get(TextKeys.loose(name)));
    }

    /** The first stage of a type, by position (then list order). */
    public Optional<LifecycleStage> lifecycleStageOfType(String type) {
        String key = TextKeys.loose(type);
        return metadata.lifecycleStages().stream()
                .filter(s -> key.equals(TextKeys.loose(s.type())))
                .min(Comparator.comparing((LifecycleStage s) -> s.position() == null ? Integer.MAX_VALUE : s.position()));
    }

    /** The stage of {@code pipeline} named {@code name} (loosely). */
    public static Optional<DealStage> dealStage(DealPipeline pipeline, String name) {
        String key = TextKeys.loose(name);
        return pipeline.dealStages().stream().filter(s -> key.equals(TextKeys.loose(s.name()))).findFirst();
    }

    /** The account's pipeline named {@code name} (loosely). */
    public Optional<DealPipeline> dealPipeline(String name) {
        String key = TextKeys.loose(name);
        return metadata.dealPipelines().stream().filter(p -> key.equals(TextKeys.loose(p.name()))).findFirst();
    }

    /** Whether the loader sent field definitions for a collection at all. */
    public boolean knowsFieldsOf(String collection) {
        return fields.containsKey(collection);
    }

    /** A field definition, when the collection's definitions are known and hold the field. */
    public Optional<FieldDef> field(String collection, String name) {
        return Optional.ofNullable(fields.getOrDefault(collection, Map.of()).get(name));
    }

    private List<Entry> entries(String table) {
        return switch (table) {
            case "industry_types" -> metadata.industryTypes();
            case "lead_sources" -> metadata.leadSources();
            case "contact_statuses" -> metadata.contactStatuses();
            case "lifecycle_stages" -> metadata.lifecycleStages().stream()
                    .map(s -> new Entry(s.id(), s.name(), null)).toList();
            // A currency is named by its ISO code (TRY, EUR), as Dr.DENTES writes it.
            case "currencies" -> metadata.currencies().stream()
                    .map(c -> new Entry(c.id(), c.currencyCode(), null)).toList();
            case "sales_activity_types" -> metadata.salesActivityTypes();
            default -> throw new IllegalArgumentException("no lookup table " + table);
        };
    }
}
