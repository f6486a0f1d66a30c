package dev.ferry.loader.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a read-back saw in Freshsales, per collection. Filled by {@link TargetScanner}, read by
 * {@link TargetComparison}; a test builds one by hand.
 */
public final class TargetSnapshot {

    /** How a collection was read; see {@link TargetSummary#readBy()}. */
    public static final String VIEW = "view";
    public static final String LIST = "list";
    public static final String PARENT = "parent";
    public static final String BY_ID = "id";
    public static final String NONE = "none";

    private final Map<String, String> readBy = new LinkedHashMap<>();
    private final Map<String, Map<Long, ObjectNode>> records = new HashMap<>();
    private final Map<String, Map<Long, ObjectNode>> childrenOfParent = new HashMap<>();
    private final Set<String> goneParents = new HashSet<>();
    private long calls;

    /**
     * A collection read completely by a listing of every live record: a record Ferry wrote that is not here is
     * missing, and a record here with an unknown {@code cf_dentes_id} is surplus.
     */
    public TargetSnapshot listed(String target, String how, Iterable<ObjectNode> live) {
        readBy.put(target, how);
        Map<Long, ObjectNode> byId = records.computeIfAbsent(target, k -> new HashMap<>());
        for (ObjectNode r : live) {
            long id = r.path("id").asLong(-1);
            if (id > 0) {
                // A listing sorted by updated_at may show a record twice when it changes during the read: one id, one record.
                byId.put(id, r);
            }
        }
        return this;
    }

    /** A collection read one record at a time: {@code found} holds what answered, a 404 is absent. */
    public TargetSnapshot byId(String target, Map<Long, ObjectNode> found) {
        readBy.put(target, BY_ID);
        records.computeIfAbsent(target, k -> new HashMap<>()).putAll(found);
        return this;
    }

    /** The notes (or other children) one parent lists ({@code parentKey}: {@code Contact:123}). */
    public TargetSnapshot children(String target, String parentKey, Iterable<ObjectNode> listed) {
        readBy.put(target, PARENT);
        // One listing per parent: a parent listed again replaces what was seen.
        Map<Long, ObjectNode> m = new HashMap<>();
        listed.forEach(r -> m.put(r.path("id").asLong(-1), r));
        childrenOfParent.put(target + "@" + parentKey, m);
        return this;
    }

    /** A parent whose children listing answered 404: the parent is gone. */
    public TargetSnapshot parentGone(String target, String parentKey) {
        readBy.put(target, PARENT);
        goneParents.add(target + "@" + parentKey);
        return this;
    }

    /** A collection that cannot be read back. */
    public TargetSnapshot unreadable(String target) {
        readBy.putIfAbsent(target, NONE);
        return this;
    }

    public TargetSnapshot calls(long calls) {
        this.calls = calls;
        return this;
    }

    public long calls() {
        return calls;
    }

    /** How the collection was read, or null when it was not. */
    public String readBy(String target) {
        return readBy.get(target);
    }

    /** Whether the collection's listing holds every live record (missing and surplus can be judged). */
    public boolean complete(String target) {
        String how = readBy.get(target);
        return VIEW.equals(how) || LIST.equals(how);
    }

    /** The live records seen of a collection (read by listing or by id). */
    public Map<Long, ObjectNode> records(String target) {
        return records.getOrDefault(target, Map.of());
    }

    /** The record of this id, when it was seen. */
    public ObjectNode record(String target, long id) {
        return records(target).get(id);
    }

    /** The children one parent listed, or null when it was not asked or is gone. */
    public Map<Long, ObjectNode> childrenOf(String target, String parentKey) {
        return childrenOfParent.get(target + "@" + parentKey);
    }

    public boolean parentIsGone(String target, String parentKey) {
        return goneParents.contains(target + "@" + parentKey);
    }
}
