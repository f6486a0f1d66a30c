package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.loader.client.CheckedContent;
import dev.ferry.loader.client.DentesContent;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.MultipartUpload;
import dev.ferry.loader.client.WriteTarget;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Uploads one document (issue 10, attachments): the attachment's bytes are read from Dr.DENTES and passed into
 * Freshsales' {@code POST /documents} as they arrive ({@link CheckedContent}: hashed and counted on the way, never
 * held), the request aborted before its end when they differ from the source's {@code sha256} or {@code size_bytes},
 * and the size Freshsales says it stored compared with the bytes sent.
 *
 * <p>A command's fields ({@link #SOURCE_FILE} is the only part Freshsales never sees):
 * {@code file_name, is_shared, targetable_type, targetable_id, source_file: {attachment_id, content_type, size_bytes,
 * sha256}}.
 */
public class DocumentUploads {

    /** The fields that describe the source file: what the loader streams and checks, never sent as a form part. */
    public static final String SOURCE_FILE = "source_file";

    private static final Logger LOG = Logger.getLogger(DocumentUploads.class);

    private final FreshsalesClient client;
    private final DentesContent source;
    private final long slowestBytesPerSecond;

    /**
     * @param slowestBytesPerSecond the slowest rate an upload is expected to move at: its timeout is the request
     *     timeout plus its size at this rate, so a 150 MB file is not taken for a lost answer while it is still sent
     */
    public DocumentUploads(FreshsalesClient client, DentesContent source, long slowestBytesPerSecond) {
        this.client = client;
        this.source = source;
        this.slowestBytesPerSecond = Math.max(1, slowestBytesPerSecond);
    }

    /** The request timeout plus the file's size at the slowest expected rate. */
    java.time.Duration timeoutFor(long sizeBytes) {
        return client.http().requestTimeout().plusSeconds((Math.max(0, sizeBytes) + slowestBytesPerSecond - 1)
                / slowestBytesPerSecond);
    }

    /** What the fields say of the source file; the command was checked before ({@code CommandProcessor}). */
    record SourceFile(String attachmentId, String contentType, long sizeBytes, String sha256) {
        static SourceFile of(JsonNode fields) {
            JsonNode s = fields.path(SOURCE_FILE);
            return new SourceFile(s.path("attachment_id").asText(), s.path("content_type").asText(null),
                    s.path("size_bytes").asLong(-1), s.path("sha256").asText(""));
        }
    }

    /**
     * Uploads the file. Returns the document written, or a failure that trying again cannot change (cause
     * {@link TargetFailure#SOURCE_CONTENT}); throws what Freshsales' door throws otherwise: {@code NoAnswer} when the
     * answer was lost or the source could not be read for now (the caller looks on the parent before sending again),
     * {@code Refused} on a 4xx.
     */
    public WriteResult upload(WriteTarget target, ObjectNode fields) throws InterruptedException {
        SourceFile file = SourceFile.of(fields);
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("file_name", fields.path("file_name").asText());
        parts.put("is_shared", String.valueOf(fields.path("is_shared").asBoolean(false)));
        parts.put("targetable_id", fields.path("targetable_id").asText());
        parts.put("targetable_type", fields.path("targetable_type").asText());
        MultipartUpload form = new MultipartUpload(parts, fields.path("file_name").asText(), file.contentType());
        AtomicReference<CheckedContent> sent = new AtomicReference<>();
        AtomicReference<DentesContent.Unavailable> unreadable = new AtomicReference<>();
        AtomicReference<InputStream> opened = new AtomicReference<>();
        ObjectNode doc;
        try {
            doc = client.uploadDocument(form, timeoutFor(file.sizeBytes()), () -> {
                closeQuietly(opened.getAndSet(null));
                InputStream in;
                try {
                    in = source.open(file.attachmentId());
                } catch (DentesContent.Unavailable e) {
                    unreadable.set(e);
                    return failing(e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failing("interrupted");
                }
                CheckedContent checked = new CheckedContent(in, file.sizeBytes(), file.sha256());
                sent.set(checked);
                InputStream body = form.body(checked);
                opened.set(body);
                return body;
            });
        } catch (FreshsalesException.NoAnswer | FreshsalesException.Refused e) {
            // A source that failed is this upload's answer whatever Freshsales made of the aborted request.
            CheckedContent c = sent.get();
            if (c != null && c.mismatch() != null) {
                // The request was aborted before its closing boundary: Freshsales stored nothing.
                return failed("attachment " + file.attachmentId() + ": " + c.mismatch().getMessage()
                        + "; the upload was aborted unfinished, nothing was stored");
            }
            DentesContent.Unavailable u = unreadable.get();
            if (u != null && u.permanent()) {
                return failed(u.getMessage());
            }
            if (u != null) {
                throw new FreshsalesException.NoAnswer("GET attachments/{id}/content", u.status(), u.getMessage());
            }
            throw e;
        } finally {
            closeQuietly(opened.get());
        }
        long id = doc.path("id").asLong();
        CheckedContent c = sent.get();
        if (c == null || !c.verified()) {
            // Freshsales answered before the whole body was read: it cannot hold the file that was meant.
            deleteQuietly(target, id);
            return failed("attachment " + file.attachmentId() + ": Freshsales answered before the whole file was sent;"
                    + " the document it made was deleted");
        }
        JsonNode stored = doc.path("content_file_size");
        if (stored.canConvertToLong() && stored.asLong() != c.count()) {
            deleteQuietly(target, id);
            return failed("attachment " + file.attachmentId() + ": Freshsales stored " + stored.asLong() + " bytes of the "
                    + c.count() + " sent; the document was deleted");
        }
        return new WriteResult.Written(id, true, doc, "upload of " + c.count() + " bytes, sha256 equal to the source's"
                + " (checked while streaming)" + (stored.canConvertToLong() ? ", size confirmed by Freshsales" : ""));
    }

    private static WriteResult failed(String why) {
        return new WriteResult.Failed(new TargetFailure(0, List.of(why), TargetFailure.SOURCE_CONTENT));
    }

    private void deleteQuietly(WriteTarget target, long id) throws InterruptedException {
        try {
            client.delete(target, id);
        } catch (FreshsalesException e) {
            LOG.warnf("document %d holds other bytes than its source and could not be deleted (%s): delete it by hand",
                    id, e.getMessage());
        }
    }

    /** A body that fails at its first read: the request is aborted after its headers, nothing is stored. */
    private static InputStream failing(String why) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the source content could not be opened: " + why);
            }
        };
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                LOG.debugf("closing a source stream: %s", e.getClass().getSimpleName());
            }
        }
    }
}
