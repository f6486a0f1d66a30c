package dev.ferry.sim.dentes.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource's records, kept as their JSON lines on disk and a compact index on the heap.
 *
 * <p>Every version of a record is a <em>slot</em>: where its line lives (segment 0 = the dataset file, read-only;
 * segment 1 = this store's overlay file, appended by mutations), its id, its updated_at in epoch milliseconds and its
 * deleted flag. {@code order} lists the current slot of every record sorted by (updated_at, id); {@code liveBefore}
 * counts the non-deleted ones before each position so that a page of live records is found by binary search, and
 * {@code idsSorted}/{@code idSlot} answer look-ups by id. The heap holds about 90 bytes a record whatever the size of
 * the record itself; a page read touches only the lines it returns.
 *
 * <p>Not thread-safe: {@link PracticeStore} serialises writers against readers.
 */
public final class ResourceStore {

    private static final int BASE = 0;
    private static final int OVERLAY = 1;

    private final String name;
    private final FileChannel base;
    private final Path overlayPath;
    private FileChannel overlay;
    private long overlayEnd;

    private long[] updatedAt = new long[16];
    private String[] ids = new String[16];
    private long[] offset = new long[16];
    private int[] length = new int[16];
    private byte[] segment = new byte[16];
    private boolean[] deleted = new boolean[16];
    private int slots;

    private int[] order = new int[0];
    private int[] liveBefore = {0};
    private String[] idsSorted = new String[0];
    private int[] idSlot = new int[0];

    /** A new version of a record: its JSON line (no newline) and the index fields read from it. */
    public record Version(String id, long updatedAtMillis, boolean deleted, byte[] line) {
    }

    /** A record's position in the serving order, with its line location. */
    public record Located(int position, int slot) {
    }

    ResourceStore(String name, FileChannel base, Path overlayPath) {
        this.name = name;
        this.base = base;
        this.overlayPath = overlayPath;
    }

    public String name() {
        return name;
    }

    /** Adds a slot from the dataset file; {@link #seal()} must follow the last one. */
    void addBaseLine(String id, long updatedAtMillis, boolean isDeleted, long lineOffset, int lineLength) {
        addSlot(id, updatedAtMillis, isDeleted, BASE, lineOffset, lineLength);
    }

    /** Builds the order and id indexes after the base lines are in; refuses duplicate ids. */
    void seal() {
        // Loading grew the slot arrays by doubling; give the slack back before it lives for the whole run.
        updatedAt = Arrays.copyOf(updatedAt, Math.max(slots, 1));
        ids = Arrays.copyOf(ids, Math.max(slots, 1));
        offset = Arrays.copyOf(offset, Math.max(slots, 1));
        length = Arrays.copyOf(length, Math.max(slots, 1));
        segment = Arrays.copyOf(segment, Math.max(slots, 1));
        deleted = Arrays.copyOf(deleted, Math.max(slots, 1));
        Integer[] byOrder = new Integer[slots];
        for (int i = 0; i < slots; i++) {
            byOrder[i] = i;
        }
        Arrays.sort(byOrder, this::compareSlots);
        order = new int[slots];
        for (int i = 0; i < slots; i++) {
            order[i] = byOrder[i];
        }
        Arrays.sort(byOrder, (a, b) -> ids[a].compareTo(ids[b]));
        idsSorted = new String[slots];
        idSlot = new int[slots];
        for (int i = 0; i < slots; i++) {
            idsSorted[i] = ids[byOrder[i]];
            idSlot[i] = byOrder[i];
            if (i > 0 && idsSorted[i].equals(idsSorted[i - 1])) {
                throw new IllegalArgumentException(name + ": id " + idsSorted[i] + " appears twice");
            }
        }
        rebuildLiveCounts();
    }

    private int compareSlots(int a, int b) {
        int c = Long.compare(updatedAt[a], updatedAt[b]);
        return c != 0 ? c : ids[a].compareTo(ids[b]);
    }

    private void addSlot(String id, long updated, boolean isDeleted, int seg, long off, int len) {
        if (slots == ids.length) {
            int cap = slots * 2;
            updatedAt = Arrays.copyOf(updatedAt, cap);
            ids = Arrays.copyOf(ids, cap);
            offset = Arrays.copyOf(offset, cap);
            length = Arrays.copyOf(length, cap);
            segment = Arrays.copyOf(segment, cap);
            deleted = Arrays.copyOf(deleted, cap);
        }
        updatedAt[slots] = updated;
        ids[slots] = id;
        offset[slots] = off;
        length[slots] = len;
        segment[slots] = (byte) seg;
        deleted[slots] = isDeleted;
        slots++;
    }

    private void rebuildLiveCounts() {
        int[] live = new int[order.length + 1];
        for (int i = 0; i < order.length; i++) {
            live[i + 1] = live[i] + (deleted[order[i]] ? 0 : 1);
        }
        liveBefore = live;
    }

    // ---------------------------------------------------------------- reads

    /** Records in the store, soft-deleted ones included. */
    public int size() {
        return order.length;
    }

    public int liveSize() {
        return liveBefore[order.length];
    }

    /** The current slot of a record, or -1. */
    public int slotOf(String id) {
        int i = Arrays.binarySearch(idsSorted, id);
        return i < 0 ? -1 : idSlot[i];
    }

    public boolean isDeleted(int slot) {
        return deleted[slot];
    }

    public String idAt(int position) {
        return ids[order[position]];
    }

    public boolean isDeletedAt(int position) {
        return deleted[order[position]];
    }

    public int slotAt(int position) {
        return order[position];
    }

    /** The page of records with updated_at at or after {@code sinceMillis}, in (updated_at, id) order. */
    public PageSlice page(long sinceMillis, boolean includeDeleted, long page, int perPage) {
        int start = lowerBound(sinceMillis);
        long total = includeDeleted ? order.length - start : liveBefore[order.length] - liveBefore[start];
        long skip = (page - 1) * (long) perPage;
        List<Integer> slotsOnPage = new ArrayList<>(Math.min(perPage, 256));
        if (skip < total) {
            int pos;
            if (includeDeleted) {
                pos = (int) (start + skip);
            } else {
                pos = firstLiveWithRank(liveBefore[start] + skip);
            }
            while (pos < order.length && slotsOnPage.size() < perPage) {
                int slot = order[pos++];
                if (includeDeleted || !deleted[slot]) {
                    slotsOnPage.add(slot);
                }
            }
        }
        return new PageSlice(slotsOnPage, total);
    }

    /** First position whose updated_at is at or after the given instant. */
    private int lowerBound(long sinceMillis) {
        int lo = 0;
        int hi = order.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (updatedAt[order[mid]] < sinceMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The position of the live record with the given rank (0-based count of live records before it). */
    private int firstLiveWithRank(long rank) {
        int lo = 0;
        int hi = order.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (liveBefore[mid + 1] <= rank) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Writes the lines of the given slots, comma-separated, reading runs of adjacent lines in one go. */
    public void writeLines(List<Integer> slotList, java.io.OutputStream out) throws IOException {
        int i = 0;
        boolean first = true;
        while (i < slotList.size()) {
            int s = slotList.get(i);
            int j = i + 1;
            long runEnd = offset[s] + length[s] + 1;
            while (j < slotList.size()) {
                int n = slotList.get(j);
                if (segment[n] != segment[s] || offset[n] != runEnd || runEnd - offset[s] > (1 << 20)) {
                    break;
                }
                runEnd = offset[n] + length[n] + 1;
                j++;
            }
            byte[] run = read(segment[s], offset[s], (int) (runEnd - 1 - offset[s]));
            for (int k = i; k < j; k++) {
                int slot = slotList.get(k);
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(run, (int) (offset[slot] - offset[s]), length[slot]);
            }
            i = j;
        }
    }

    /** The JSON line of one slot. */
    public byte[] line(int slot) {
        try {
            return read(segment[slot], offset[slot], length[slot]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] read(int seg, long from, int len) throws IOException {
        FileChannel ch = seg == BASE ? base : overlay;
        ByteBuffer buf = ByteBuffer.allocate(len);
        long pos = from;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException(name + ": unexpected end of file at " + pos);
            }
            pos += n;
        }
        return buf.array();
    }

    // ---------------------------------------------------------------- writes

    /**
     * Stores new versions (appended to the overlay file) and re-indexes: replaced slots leave the order, new ones
     * merge in, new ids join the id index. Linear in the store size, so a mutation batch on two million records
     * costs milliseconds, not a re-sort.
     */
    public void apply(List<Version> versions) throws IOException {
        if (versions.isEmpty()) {
            return;
        }
        if (overlay == null) {
            overlay = FileChannel.open(overlayPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
            overlayEnd = 0;
        }
        boolean[] replaced = new boolean[slots + versions.size()];
        Map<String, Integer> newIds = new HashMap<>();
        List<Integer> fresh = new ArrayList<>();
        for (Version v : versions) {
            ByteBuffer buf = ByteBuffer.allocate(v.line().length + 1);
            buf.put(v.line()).put((byte) '\n').flip();
            long at = overlayEnd;
            while (buf.hasRemaining()) {
                overlayEnd += overlay.write(buf, overlayEnd);
            }
            int existing = slotOf(v.id());
            Integer pending = newIds.get(v.id());
            addSlot(v.id(), v.updatedAtMillis(), v.deleted(), OVERLAY, at, v.line().length);
            int slot = slots - 1;
            if (pending != null) {
                replaced[pending] = true;
                fresh.remove(pending);
                newIds.put(v.id(), slot);
            } else if (existing >= 0) {
                replaced[existing] = true;
                idSlot[Arrays.binarySearch(idsSorted, v.id())] = slot;
            } else {
                newIds.put(v.id(), slot);
            }
            fresh.add(slot);
        }
        mergeOrder(replaced, fresh);
        if (!newIds.isEmpty()) {
            mergeIds(newIds);
        }
        rebuildLiveCounts();
    }

    private void mergeOrder(boolean[] replaced, List<Integer> fresh) {
        fresh.sort(this::compareSlots);
        int[] merged = new int[order.length + fresh.size()];
        int n = 0;
        int f = 0;
        for (int slot : order) {
            if (replaced[slot]) {
                continue;
            }
            while (f < fresh.size() && compareSlots(fresh.get(f), slot) < 0) {
                merged[n++] = fresh.get(f++);
            }
            merged[n++] = slot;
        }
        while (f < fresh.size()) {
            merged[n++] = fresh.get(f++);
        }
        order = Arrays.copyOf(merged, n);
    }

    private void mergeIds(Map<String, Integer> newIds) {
        List<String> added = new ArrayList<>(newIds.keySet());
        added.sort(null);
        String[] ids2 = new String[idsSorted.length + added.size()];
        int[] slots2 = new int[ids2.length];
        int n = 0;
        int a = 0;
        for (int i = 0; i < idsSorted.length; i++) {
            while (a < added.size() && added.get(a).compareTo(idsSorted[i]) < 0) {
                ids2[n] = added.get(a);
                slots2[n++] = newIds.get(added.get(a++));
            }
            ids2[n] = idsSorted[i];
            slots2[n++] = idSlot[i];
        }
        while (a < added.size()) {
            ids2[n] = added.get(a);
            slots2[n++] = newIds.get(added.get(a++));
        }
        idsSorted = ids2;
        idSlot = slots2;
    }

    void close() throws IOException {
        if (base != null) {
            base.close();
        }
        if (overlay != null) {
            overlay.close();
        }
    }

    /** Records of a page and the number of records matching the query. */
    public record PageSlice(List<Integer> slots, long total) {
    }
}
