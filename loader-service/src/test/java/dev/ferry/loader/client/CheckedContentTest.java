package dev.ferry.loader.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 10: a file's bytes are hashed and counted while they stream, and refused before their end when they differ. */
class CheckedContentTest {

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] drain(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Test
    void bytesThatMatchTheSourcePassAndAreVerified() throws Exception {
        byte[] file = "panoramik röntgen".repeat(5000).getBytes(StandardCharsets.UTF_8);
        CheckedContent c = new CheckedContent(new ByteArrayInputStream(file), file.length, sha(file).toUpperCase());
        assertThat(drain(c)).isEqualTo(file);
        assertThat(c.verified()).isTrue();
        assertThat(c.count()).isEqualTo(file.length);
        assertThat(c.sha256()).isEqualTo(sha(file));
    }

    @Test
    void bytesWithAnotherSha256FailAtTheirEndNeverPassingEndOfStream() throws Exception {
        byte[] file = "x-ray".getBytes(StandardCharsets.UTF_8);
        CheckedContent c = new CheckedContent(new ByteArrayInputStream(file), file.length, sha("other".getBytes()));
        assertThatThrownBy(() -> drain(c)).isInstanceOf(CheckedContent.Mismatch.class).hasMessageContaining("sha256");
        assertThat(c.verified()).isFalse();
        assertThat(c.mismatch()).isNotNull();
        // Read again: still refused, never a quiet end of stream that would let the upload finish.
        assertThatThrownBy(c::read).isInstanceOf(CheckedContent.Mismatch.class);
    }

    @Test
    void aShorterFileThanItsSizeIsRefused() throws Exception {
        byte[] file = "abc".getBytes(StandardCharsets.UTF_8);
        CheckedContent c = new CheckedContent(new ByteArrayInputStream(file), 4, sha(file));
        assertThatThrownBy(() -> drain(c)).isInstanceOf(CheckedContent.Mismatch.class)
                .hasMessageContaining("sent 3 bytes");
    }

    @Test
    void aLongerFileThanItsSizeIsRefusedWithoutReadingTheRest() throws Exception {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 8192);
                served[0] += n;
                return n;
            }
        };
        CheckedContent c = new CheckedContent(endless, 10_000, sha(new byte[0]));
        assertThatThrownBy(() -> drain(c)).isInstanceOf(CheckedContent.Mismatch.class)
                .hasMessageContaining("more than its size_bytes");
        assertThat(served[0]).isLessThan(10_000 + 2 * 8192);
    }

    /** The multipart body reads the file only as it is itself read: no file is ever held whole. */
    @Test
    void theMultipartBodyReadsTheFileOnlyAsItIsRead() throws Exception {
        long[] served = {0};
        InputStream big = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'z';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, 4096);
                java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                served[0] += n;
                return n;
            }
        };
        MultipartUpload form = new MultipartUpload(Map.of("file_name", "[Dr.DENTES attachments A-1] büyük.bin"),
                "[Dr.DENTES attachments A-1] büyük.bin", "application/octet-stream");
        InputStream body = form.body(big);
        byte[] first = body.readNBytes(64 * 1024);
        assertThat(first).hasSize(64 * 1024);
        assertThat(served[0]).as("file bytes read for the first 64 KiB of the body").isLessThanOrEqualTo(64 * 1024);
        String head = new String(first, 0, 600, StandardCharsets.UTF_8);
        assertThat(head).contains("name=\"file_name\"").contains("[Dr.DENTES attachments A-1] büyük.bin")
                .contains("name=\"file\"; filename=\"[Dr.DENTES attachments A-1] büyük.bin\"");
        assertThat(form.contentTypeHeader()).startsWith("multipart/form-data; boundary=ferry-");
    }

    @Test
    void aQuoteOrALineBreakCannotBreakTheFilePartsHeader() {
        assertThat(MultipartUpload.quoted("a\"b\r\nc\\d%")).isEqualTo("a%22bc%5Cd%25");
    }
}
