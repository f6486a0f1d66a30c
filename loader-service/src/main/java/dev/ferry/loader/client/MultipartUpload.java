package dev.ferry.loader.client;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) whose file part is a stream: the text parts and the file part's headers
 * go first, then the file's bytes as they are read, then the closing boundary. Only the few hundred bytes around the
 * file are ever held; the file is not. Reference 5.13: parts {@code file}, {@code file_name}, {@code is_shared},
 * {@code targetable_id}, {@code targetable_type}; no JSON content type on this call.
 */
public final class MultipartUpload {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final Map<String, String> parts;
    private final String fileName;
    private final String contentType;

    /**
     * @param parts the text parts in order (name, value)
     * @param fileName the file part's file name
     * @param contentType the file part's content type (application/octet-stream when unknown)
     */
    public MultipartUpload(Map<String, String> parts, String fileName, String contentType) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        this.boundary = "ferry-" + HexFormat.of().formatHex(b);
        this.parts = new LinkedHashMap<>(parts);
        this.fileName = fileName;
        this.contentType = contentType == null || contentType.isBlank() || !contentType.matches("[\\w.+\\-/;= ]+")
                ? "application/octet-stream" : contentType;
    }

    /** The request's {@code Content-Type} header. */
    public String contentTypeHeader() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body: text parts, the file part's headers, {@code file}'s bytes as read, the closing boundary. */
    public InputStream body(InputStream file) {
        StringBuilder head = new StringBuilder();
        parts.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(quoted(name)).append("\"\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(value == null ? "" : value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(quoted(fileName))
                .append("\"\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.UTF_8)), file,
                new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
    }

    /**
     * A value inside a quoted header parameter: quotes and backslashes percent-encoded, line breaks dropped (RFC 7578
     * section 2: a header may not break; the exact name travels in the {@code file_name} part anyway).
     */
    static String quoted(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("%", "%25").replace("\"", "%22").replace("\\", "%5C").replace("\r", "").replace("\n", "");
    }
}
