package dev.ferry.extractor.discovery;

/**
 * An open-addressing map from non-zero 64-bit hashes to ints: 12 bytes a slot, at most half full (≤ 24 bytes an
 * entry).
 */
public final class LongIntMap {

    /** What {@link #get} answers for an absent key. */
    public static final int ABSENT = Integer.MIN_VALUE;

    private long[] keys = new long[64];
    private int[] values = new int[64];
    private int size;

    public int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == 0) {
                return ABSENT;
            }
        }
    }

    public void put(long key, int value) {
        if ((size + 1) * 2 > keys.length) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    insert(oldKeys[i], oldValues[i]);
                }
            }
        }
        if (insert(key, value)) {
            size++;
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table. */
    public long bytes() {
        return 12L * keys.length;
    }

    private boolean insert(long key, int value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return false;
            }
            if (keys[i] == 0) {
                keys[i] = key;
                values[i] = value;
                return true;
            }
        }
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }
}
