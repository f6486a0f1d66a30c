package dev.ferry.sim.dentes.datagen.realism;

/**
 * An open-addressing set of 64-bit hashes: 8 bytes a slot where a {@code HashSet<Long>} costs about 50. It lets the
 * generator keep clean patients unique by name+birth date and by e-mail across a million patients.
 */
public final class LongHashSet {

    private long[] slots = new long[1 << 10];
    private boolean hasZero;
    private int size;

    /** Adds the value; returns false if it was already there. */
    public boolean add(long value) {
        if (value == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, value)) {
            size++;
            return true;
        }
        return false;
    }

    public boolean contains(long value) {
        if (value == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = mix(value) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    private static boolean insert(long[] table, long value) {
        int mask = table.length - 1;
        int i = mix(value) & mask;
        while (table[i] != 0) {
            if (table[i] == value) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = value;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static int mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** A 64-bit FNV-1a hash of a string, for feeding this set. */
    public static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
