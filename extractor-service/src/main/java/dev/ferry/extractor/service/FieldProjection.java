package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a source record is published: per resource, the top-level fields the run's mapping reads (the mapper's
 * answer), always with the record's key fields. Everything else is removed before the record leaves the extractor,
 * so a field the mapping does not migrate (a national id) is in no topic, table or log downstream.
 */
public final class FieldProjection {

    /** The fields a record keeps whatever the mapping reads: identity, version, deletion mark. */
    static final Set<String> KEY_FIELDS = Set.of("id", "updated_at", "deleted", "deleted_at");

    private final Map<SourceResource, Set<String>> keep;
    private final boolean all;

    private FieldProjection(Map<SourceResource, Set<String>> keep, boolean all) {
        this.keep = keep;
        this.all = all;
    }

    /** Publishes whole records (testing the extractor without a mapper). */
    public static FieldProjection all() {
        return new FieldProjection(Map.of(), true);
    }

    /** Keeps, per resource, these fields and the key fields; a resource the mapping does not name keeps only its key. */
    public static FieldProjection of(Map<SourceResource, Set<String>> fields) {
        return new FieldProjection(new EnumMap<>(fields), false);
    }

    /**
     * The records with only the published fields (the same objects, trimmed in place). An integration's credentials
     * are removed in every case, whole records included ({@link CredentialScrub}).
     */
    public List<ObjectNode> apply(SourceResource resource, List<ObjectNode> records) {
        records.forEach(r -> CredentialScrub.apply(resource, r));
        if (all) {
            return records;
        }
        Set<String> fields = keep.getOrDefault(resource, Set.of());
        List<ObjectNode> out = new ArrayList<>(records.size());
        for (ObjectNode record : records) {
            for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name) && !KEY_FIELDS.contains(name)) {
                    names.remove();
                }
            }
            out.add(record);
        }
        return out;
    }

    @Override
    public String toString() {
        return all ? "every field" : keep.toString();
    }
}
