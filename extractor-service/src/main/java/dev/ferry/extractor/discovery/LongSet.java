package dev.ferry.extractor.discovery;

/** An open-addressing set of non-zero 64-bit hashes: 8 bytes a slot, at most half full (≤ 16 bytes an entry). */
public final class LongSet {

    private long[] slots = new long[64];
    private int size;

    /** Adds a hash ({@link Hash64} never gives 0); false when it was there. */
    public boolean add(long value) {
        if ((size + 1) * 2 > slots.length) {
            long[] old = slots;
            slots = new long[old.length * 2];
            for (long v : old) {
                if (v != 0) {
                    insert(v);
                }
            }
        }
        if (insert(value)) {
            size++;
            return true;
        }
        return false;
    }

    public boolean contains(long value) {
        int mask = slots.length - 1;
        for (int i = (int) (value ^ (value >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == value) {
                return true;
            }
            if (slots[i] == 0) {
                return false;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Bytes held by the table. */
    public long bytes() {
        return 8L * slots.length;
    }

    private boolean insert(long value) {
        int mask = slots.length - 1;
        for (int i = (int) (value ^ (value >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == value) {
                return false;
            }
            if (slots[i] == 0) {
                slots[i] = value;
                return true;
            }
        }
    }
}
