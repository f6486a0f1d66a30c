package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.config.Plan;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.store.ModuleTable;
import dev.ferry.sim.freshsales.store.RecordCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files and links. Uploads keep only metadata and a SHA-256 of the content (the bytes are not stored), so the
 * state dump can prove which file arrived. The quota is the plan's storage per active user times active users
 * (or storageQuotaBytes), over every stored file.
 */
@ApplicationScoped
public class DocumentService {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final RecordService records;

    @Inject
    public DocumentService(RecordService records) {
        this.records = records;
    }

    private ModuleDef module() {
        return records.setup().modules().get("documents");
    }

    /** Effective quota in bytes. */
    public long quotaBytes() {
        SimSettings s = records.settings();
        if (s.storageQuotaBytes != null) {
            return s.storageQuotaBytes;
        }
        return Plan.parse(s.plan).storageBytesPerUser * Math.max(1, records.setup().activeUserCount());
    }

    /** Bytes held by stored files. Caller holds a lock. */
    long usedBytes() {
        ModuleTable t = records.store().table("documents");
        long used = 0;
        for (int s = 0; s < t.slots(); s++) {
            if (!t.isForgotten(s)) {
                used += RecordCodec.decode(t.bytesAt(s)).path("content_file_size").asLong(0);
            }
        }
        return used;
    }

    /**
     * One multipart upload as received.
     *
     * @param file           the uploaded file on disk, or null when the part is missing
     * @param originalName   the file name the client sent with the part
     * @param contentType    the part's content type
     * @param size           bytes
     * @param fileName       the file_name form field
     * @param isShared       the is_shared form field
     * @param targetableType the targetable_type form field
     * @param targetableId   the targetable_id form field
     */
    public record Upload(Path file, String originalName, String contentType, long size, String fileName, String isShared,
                         String targetableType, String targetableId) {
    }

    /** POST /documents (multipart: file, file_name, is_shared, targetable_id, targetable_type). */
    public ObjectNode upload(Upload u, String apiBase) {
        if (u.file() == null) {
            throw ApiException.badRequest("field.blank", "file");
        }
        SimSettings s = records.settings();
        if (u.size() > s.maxFileSizeBytes) {
            throw ApiException.badRequest("document.too_large", s.maxFileSizeBytes);
        }
        ObjectNode input = F.objectNode();
        input.put("name", u.fileName() == null || u.fileName().isBlank() ? u.originalName() : u.fileName());
        input.put("is_shared", "true".equalsIgnoreCase(u.isShared()));
        input.put("targetable_type", u.targetableType());
        input.put("targetable_id", u.targetableId());
        input.put("content_file_size", u.size());
        input.put("content_content_type", u.contentType());
        input.put("content_sha256", sha256(u.file()));
        input.put("is_link", false);
        requireTarget(input);
        ModuleDef m = module();
        ObjectNode doc = records.store().write(() -> {
            if (usedBytes() + u.size() > quotaBytes()) {
                throw new ApiException(400, "document.quota");
            }
            return records.createLocked(m, input);
        });
        return response(doc, apiBase);
    }

    /** POST /document_links (JSON url, name, is_shared, targetable_id, targetable_type). */
    public ObjectNode link(ObjectNode body, String apiBase) {
        ObjectNode input = F.objectNode();
        if (!body.path("url").isTextual() || body.path("url").asText().isBlank()) {
            throw ApiException.badRequest("field.blank", "url");
        }
        input.set("url", body.get("url"));
        input.put("name", body.path("name").asText(body.get("url").asText()));
        input.put("is_shared", body.path("is_shared").asBoolean(false));
        input.set("targetable_type", body.path("targetable_type"));
        input.set("targetable_id", body.path("targetable_id"));
        input.put("is_link", true);
        requireTarget(input);
        ObjectNode doc = records.create(module(), input);
        return response(doc, apiBase);
    }

    private static void requireTarget(ObjectNode input) {
        if (input.path("targetable_type").asText("").isBlank() || input.path("targetable_type").isNull()) {
            throw ApiException.badRequest("field.blank", "targetable_type");
        }
        if (input.path("targetable_id").asText("").isBlank() || input.path("targetable_id").isNull()) {
            throw ApiException.badRequest("field.blank", "targetable_id");
        }
    }

    private ObjectNode response(ObjectNode doc, String base) {
        ObjectNode out = records.renderer().render(module(), doc, Renderer.Detail.FULL, Set.of());
        out.put("msg", "File uploaded successfully");
        if (out.path("url").isNull()) {
            out.put("url", base + "/documents/" + doc.path("id").asLong() + "/download");
        }
        out.put("is_attached", true);
        return out;
    }

    /** GET /{module}/{id}/document_associations. */
    public ObjectNode associations(ModuleDef parent, long parentId) {
        ObjectNode out = F.objectNode();
        ArrayNode arr = out.putArray("document_associations");
        Renderer renderer = records.renderer();
        records.store().read(() -> {
            ModuleTable pt = records.store().table(parent.name());
            if (pt.slotOf(parentId) < 0) {
                throw ApiException.notFound();
            }
            ModuleTable t = records.store().table("documents");
            for (int s = 0; s < t.slots(); s++) {
                if (!t.isForgotten(s) && t.parentAt(s) == parentId && t.parentTypeAt(s) == parent.code()) {
                    arr.add(renderer.render(module(), RecordCodec.decode(t.bytesAt(s)), Renderer.Detail.FULL, Set.of()));
                }
            }
            return null;
        });
        return out;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
