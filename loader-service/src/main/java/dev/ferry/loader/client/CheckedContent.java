package dev.ferry.loader.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's bytes on their way from Dr.DENTES to Freshsales, hashed (SHA-256) and counted as they pass, never held.
 *
 * <p>Why hash while streaming rather than download the document again from Freshsales: a second download costs one more
 * call of the account's budget per file and moves every byte twice; and the check comes <em>before</em> the multipart
 * body's closing boundary is sent, so bytes that differ from the source's {@code sha256} or {@code size_bytes} make
 * this stream fail, the request is aborted unfinished and Freshsales never stores a wrong file. What Freshsales then
 * says it received ({@code content_file_size}) is compared with what was sent.
 *
 * <p>A stream that would pass more bytes than {@code size_bytes} fails at once, without reading the rest.
 */
public final class CheckedContent extends FilterInputStream {

    /** The bytes differ from what the source's metadata says: the upload must not complete. */
    public static final class Mismatch extends IOException {
        public Mismatch(String message) {
            super(message);
        }
    }

    private final long expectedSize;
    private final String expectedSha256;
    private final MessageDigest digest;
    private long count;
    private String sha256;
    private Mismatch mismatch;

    /**
     * @param in the source body
     * @param expectedSize the source's {@code size_bytes}
     * @param expectedSha256 the source's {@code sha256}, hex (either case)
     */
    public CheckedContent(InputStream in, long expectedSize, String expectedSha256) {
        super(in);
        this.expectedSize = expectedSize;
        this.expectedSha256 = expectedSha256.toLowerCase(java.util.Locale.ROOT);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (mismatch != null) {
            throw mismatch;
        }
        int n = super.read(b, off, len);
        if (n < 0) {
            finish();
            return -1;
        }
        digest.update(b, off, n);
        count += n;
        if (count > expectedSize) {
            throw fail("the source sent more than its size_bytes (" + expectedSize + ")");
        }
        return n;
    }

    private void finish() throws Mismatch {
        if (sha256 == null) {
            sha256 = HexFormat.of().formatHex(digest.digest());
        }
        if (count != expectedSize) {
            throw fail("the source sent " + count + " bytes, its size_bytes says " + expectedSize);
        }
        if (!sha256.equals(expectedSha256)) {
            throw fail("the bytes' sha256 differs from the source's");
        }
    }

    private Mismatch fail(String why) {
        mismatch = new Mismatch(why);
        return mismatch;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a checked stream is read, never skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Bytes passed so far. */
    public long count() {
        return count;
    }

    /** The SHA-256 of every byte passed, hex; null until the end of the stream was reached. */
    public String sha256() {
        return sha256;
    }

    /** Why the bytes were refused, or null: set once the stream failed the check. */
    public Mismatch mismatch() {
        return mismatch;
    }

    /** Whether the whole stream passed and agreed with the source's size and sha256. */
    public boolean verified() {
        return mismatch == null && sha256 != null;
    }
}
