package dev.ferry.extractor.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Source ids packed into one growing byte array (UTF-8, one length byte or two before each), addressed by offset: about
 * {@code id length + 1} bytes an id, where a {@code String} costs 50 or more. Discovery keeps the id of the first record
 * of each grouping key here, so a duplicate found later can name both records. Ids longer than 32 767 bytes are cut
 * (no tenant has such ids; the contract's are a few characters).
 */
public final class IdArena {

    private byte[] bytes = new byte[4096];
    private int used;

    /** Stores an id; returns its reference. */
    public int add(String id) {
        byte[] b = id.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(b.length, 0x7fff);
        int need = len + (len < 0x80 ? 1 : 2);
        if (used + need > bytes.length) {
            long grown = Math.max((long) bytes.length * 2, (long) used + need);
            if (grown > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("discovery id arena full (2 GB of ids)");
            }
            bytes = Arrays.copyOf(bytes, (int) grown);
        }
        int ref = used;
        if (len < 0x80) {
            bytes[used++] = (byte) len;
        } else {
            bytes[used++] = (byte) (0x80 | (len >>> 8));
            bytes[used++] = (byte) len;
        }
        System.arraycopy(b, 0, bytes, used, len);
        used += len;
        return ref;
    }

    public String get(int ref) {
        int len = bytes[ref] & 0xff;
        int start = ref + 1;
        if ((len & 0x80) != 0) {
            len = ((len & 0x7f) << 8) | (bytes[ref + 1] & 0xff);
            start++;
        }
        return new String(bytes, start, len, StandardCharsets.UTF_8);
    }

    /** Bytes held. */
    public long bytes() {
        return bytes.length;
    }
}
