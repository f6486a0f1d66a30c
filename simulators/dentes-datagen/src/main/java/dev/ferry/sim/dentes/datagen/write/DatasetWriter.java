package dev.ferry.sim.dentes.datagen.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams records to {@code {resource}.jsonl} files, one JSON object a line, and attachment bytes to
 * {@code attachments/{id}}. Nothing is held beyond one buffer per open file.
 */
public final class DatasetWriter implements Closeable {

    private final Path dir;
    private final Path attachments;
    private final ObjectMapper mapper;
    private final Map<String, Writer> writers = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> deleted = new LinkedHashMap<>();

    public DatasetWriter(Path dir, ObjectMapper mapper) throws IOException {
        this.dir = dir;
        this.mapper = mapper;
        this.attachments = dir.resolve(DatasetLayout.ATTACHMENTS_DIR);
        Files.createDirectories(attachments);
    }

    /** Creates the resource's file now (so it exists even if it stays empty). */
    public void open(String resource) {
        writers.computeIfAbsent(resource, r -> {
            try {
                counts.put(r, 0L);
                deleted.put(r, 0L);
                return new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(dir.resolve(DatasetLayout.fileName(r))), StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public void write(String resource, ObjectNode record) throws IOException {
        open(resource);
        Writer w = writers.get(resource);
        w.write(mapper.writeValueAsString(record));
        w.write('\n');
        counts.merge(resource, 1L, Long::sum);
        if (record.path("deleted").asBoolean(false)) {
            deleted.merge(resource, 1L, Long::sum);
        }
    }

    public void writeAttachment(String id, byte[] content) throws IOException {
        Files.write(attachments.resolve(id), content);
    }

    /** Lines written per resource (soft-deleted records included). */
    public Map<String, Long> counts() {
        return counts;
    }

    public Map<String, Long> deletedCounts() {
        return deleted;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (Writer w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
