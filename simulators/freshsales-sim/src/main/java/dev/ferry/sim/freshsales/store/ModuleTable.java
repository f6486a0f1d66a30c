package dev.ferry.sim.freshsales.store;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One module's records in insertion (= id) order: parallel primitive arrays for the metadata, one byte array
 * per record, an id-to-slot map and value indexes. Slots are never reused; a forgotten record leaves a hole.
 * Not thread-safe: {@link RecordStore} guards every access with its lock.
 */
public final class ModuleTable {

    public static final byte PARENT_NONE = 0;

    private final String module;
    private long[] ids = new long[16];
    private byte[][] docs = new byte[16][];
    private long[] createdAt = new long[16];
    private long[] updatedAt = new long[16];
    private long[] ownerIds = new long[16];
    private long[] parentIds = new long[16];
    private byte[] parentTypes = new byte[16];
    private byte[] flags = new byte[16];
    private int size;
    private int live;
    private long version;
    private final Long2IntOpenHashMap slotById = new Long2IntOpenHashMap();
    // Concurrent: ensureIndex() checks for an index before it takes the write lock.
    private final Map<String, ValueIndex> indexes = new java.util.concurrent.ConcurrentHashMap<>();

    private static final byte DELETED = 1;
    private static final byte FORGOTTEN = 2;

    public ModuleTable(String module) {
        this.module = module;
        slotById.defaultReturnValue(-1);
    }

    public String module() {
        return module;
    }

    /** Increments on every change; caches of sorted orders key on it. */
    public long version() {
        return version;
    }

    /** Slots ever used (holes included). */
    public int slots() {
        return size;
    }

    /** Records not forgotten (recycle bin included). */
    public int liveCount() {
        return live;
    }

    public int slotOf(long id) {
        return slotById.get(id);
    }

    public boolean exists(long id) {
        return slotById.containsKey(id);
    }

    public byte[] bytesAt(int slot) {
        return docs[slot];
    }

    public long idAt(int slot) {
        return ids[slot];
    }

    public boolean isForgotten(int slot) {
        return (flags[slot] & FORGOTTEN) != 0;
    }

    public boolean isDeleted(int slot) {
        return (flags[slot] & DELETED) != 0;
    }

    public long ownerAt(int slot) {
        return ownerIds[slot];
    }

    public long parentAt(int slot) {
        return parentIds[slot];
    }

    public byte parentTypeAt(int slot) {
        return parentTypes[slot];
    }

    public long createdAt(int slot) {
        return createdAt[slot];
    }

    public long updatedAt(int slot) {
        return updatedAt[slot];
    }

    public byte stageKindAt(int slot) {
        return (byte) ((flags[slot] >> 2) & 3);
    }

    /** Inserts a new record or replaces an existing one, moving its index entries from the old to the new values. */
    public void put(long id, byte[] bytes, RecordMeta meta, Map<String, List<String>> oldKeys, Map<String, List<String>> newKeys) {
        int slot = slotById.get(id);
        if (slot < 0) {
            ensureCapacity(size + 1);
            slot = size++;
            ids[slot] = id;
            slotById.put(id, slot);
            live++;
        }
        docs[slot] = bytes;
        createdAt[slot] = meta.createdAt();
        updatedAt[slot] = meta.updatedAt();
        ownerIds[slot] = meta.ownerId();
        parentIds[slot] = meta.parentId();
        parentTypes[slot] = meta.parentType();
        flags[slot] = (byte) ((meta.deleted() ? DELETED : 0) | (meta.stageKind() << 2));
        reindex(id, oldKeys, newKeys);
        version++;
    }

    /** Removes a record for good (forget / hard delete). */
    public void forget(long id, Map<String, List<String>> oldKeys) {
        int slot = slotById.remove(id);
        if (slot < 0) {
            return;
        }
        docs[slot] = null;
        flags[slot] = FORGOTTEN;
        live--;
        reindex(id, oldKeys, Map.of());
        version++;
    }

    public boolean hasIndex(String field) {
        return indexes.containsKey(field);
    }

    /**
     * Creates an index for a field if missing, filling it from every live record through {@code keysOf}.
     */
    public ValueIndex index(String field, Function<byte[], List<String>> keysOf) {
        ValueIndex idx = indexes.get(field);
        if (idx == null) {
            idx = new ValueIndex();
            for (int s = 0; s < size; s++) {
                if (docs[s] != null) {
                    for (String k : keysOf.apply(docs[s])) {
                        idx.add(k, ids[s]);
                    }
                }
            }
            indexes.put(field, idx);
        }
        return idx;
    }

    public ValueIndex existingIndex(String field) {
        return indexes.get(field);
    }

    public java.util.Set<String> indexedFields() {
        return indexes.keySet();
    }

    private void reindex(long id, Map<String, List<String>> oldKeys, Map<String, List<String>> newKeys) {
        for (Map.Entry<String, ValueIndex> e : indexes.entrySet()) {
            List<String> before = oldKeys.getOrDefault(e.getKey(), List.of());
            List<String> after = newKeys.getOrDefault(e.getKey(), List.of());
            for (String k : before) {
                if (!after.contains(k)) {
                    e.getValue().remove(k, id);
                }
            }
            for (String k : after) {
                e.getValue().add(k, id);
            }
        }
    }

    /** Drops every record and index (reset). */
    public void clear() {
        size = 0;
        live = 0;
        slotById.clear();
        indexes.clear();
        ids = new long[16];
        docs = new byte[16][];
        createdAt = new long[16];
        updatedAt = new long[16];
        ownerIds = new long[16];
        parentIds = new long[16];
        parentTypes = new byte[16];
        flags = new byte[16];
        version++;
    }

    private void ensureCapacity(int needed) {
        if (needed <= ids.length) {
            return;
        }
        int n = Math.max(needed, ids.length + (ids.length >> 1));
        ids = Arrays.copyOf(ids, n);
        docs = Arrays.copyOf(docs, n);
        createdAt = Arrays.copyOf(createdAt, n);
        updatedAt = Arrays.copyOf(updatedAt, n);
        ownerIds = Arrays.copyOf(ownerIds, n);
        parentIds = Arrays.copyOf(parentIds, n);
        parentTypes = Arrays.copyOf(parentTypes, n);
        flags = Arrays.copyOf(flags, n);
    }
}
