package dev.ferry.sim.freshsales.store;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * Maps a 64-bit hash of a field value to the ids carrying it. Keeping hashes instead of the strings costs
 * about 20 bytes per entry; callers verify candidates against the decoded record, so collisions are harmless.
 */
public final class ValueIndex {

    private final Long2LongOpenHashMap first = new Long2LongOpenHashMap();
    private final Long2ObjectOpenHashMap<LongArrayList> more = new Long2ObjectOpenHashMap<>();

    public ValueIndex() {
        first.defaultReturnValue(Long.MIN_VALUE);
    }

    public static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        return HashCommon.mix(h);
    }

    public void add(String value, long id) {
        long h = hash(value);
        long existing = first.get(h);
        if (existing == Long.MIN_VALUE) {
            first.put(h, id);
        } else if (existing != id) {
            LongArrayList list = more.computeIfAbsent(h, k -> new LongArrayList(2));
            if (!list.contains(id)) {
                list.add(id);
            }
        }
    }

    public void remove(String value, long id) {
        long h = hash(value);
        long existing = first.get(h);
        LongArrayList list = more.get(h);
        if (existing == id) {
            if (list == null || list.isEmpty()) {
                first.remove(h);
            } else {
                first.put(h, list.removeLong(0));
                if (list.isEmpty()) {
                    more.remove(h);
                }
            }
        } else if (list != null) {
            list.rem(id);
            if (list.isEmpty()) {
                more.remove(h);
            }
        }
    }

    /** Ids whose value hashes like this one (a superset of the true matches). */
    public long[] candidates(String value) {
        long h = hash(value);
        long existing = first.get(h);
        if (existing == Long.MIN_VALUE) {
            return new long[0];
        }
        LongArrayList list = more.get(h);
        if (list == null) {
            return new long[] {existing};
        }
        long[] out = new long[list.size() + 1];
        out[0] = existing;
        list.getElements(0, out, 1, list.size());
        return out;
    }

    public int size() {
        return first.size();
    }
}
