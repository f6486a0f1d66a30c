package dev.ferry.sim.dentes.store;

import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

/**
 * A loaded practice: one {@link ResourceStore} per resource file of a dataset folder (resources of the contract that
 * have no file are served empty), plus where attachment bytes live.
 */
public final class PracticeStore implements Closeable {

    private final Path datasetDir;
    private final Path workDir;
    private final Map<String, ResourceStore> resources = new LinkedHashMap<>();

    private PracticeStore(Path datasetDir, Path workDir) {
        this.datasetDir = datasetDir;
        this.workDir = workDir;
    }

    /**
     * Indexes every resource file of the folder. Lines are read sequentially once; only the index stays in memory.
     *
     * @param workDir an empty scratch folder this store owns (overlays, attachments created by mutations)
     * @throws IllegalArgumentException when the folder is not a dataset or a line is not a valid record
     */
    public static PracticeStore load(Path datasetDir, Path workDir) throws IOException {
        if (!Files.isDirectory(datasetDir)) {
            throw new IllegalArgumentException("not a folder: " + datasetDir);
        }
        Files.createDirectories(workDir.resolve(DatasetLayout.ATTACHMENTS_DIR));
        PracticeStore store = new PracticeStore(datasetDir, workDir);
        List<Path> files;
        try (Stream<Path> listing = Files.list(datasetDir)) {
            files = listing.filter(f -> DatasetLayout.resourceOfFile(f.getFileName().toString()).isPresent())
                    .sorted().toList();
        }
        // Files are indexed in parallel (one per core): start-up is dominated by parsing, not by the disk.
        Map<String, ResourceStore> indexed = new ConcurrentHashMap<>();
        try {
            files.parallelStream().forEach(f -> {
                String resource = DatasetLayout.resourceOfFile(f.getFileName().toString()).orElseThrow();
                try {
                    indexed.put(resource, store.index(resource, f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            for (ResourceStore s : indexed.values()) {
                s.close();
            }
            store.close();
            if (e instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
        for (Path f : files) {
            String resource = DatasetLayout.resourceOfFile(f.getFileName().toString()).orElseThrow();
            store.resources.put(resource, indexed.get(resource));
        }
        if (store.resources.isEmpty()) {
            store.close();
            throw new IllegalArgumentException("no resource files (*.jsonl) in " + datasetDir);
        }
        for (String r : DatasetLayout.TOP_LEVEL_RESOURCES) {
            store.resources.computeIfAbsent(r, store::emptyStore);
        }
        return store;
    }

    private ResourceStore emptyStore(String resource) {
        ResourceStore s = new ResourceStore(resource, null, overlayPath(resource));
        s.seal();
        return s;
    }

    private Path overlayPath(String resource) {
        return workDir.resolve(DatasetLayout.fileName(resource) + ".overlay");
    }

    private ResourceStore index(String resource, Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ResourceStore store = new ResourceStore(resource, channel, overlayPath(resource));
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 20];
            int filled = 0;
            long bufStart = 0;
            long lineNo = 0;
            boolean eof = false;
            while (!eof) {
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
                int lineStart = 0;
                for (int i = 0; i < filled; i++) {
                    if (buf[i] == '\n' || (eof && i == filled - 1)) {
                        int end = buf[i] == '\n' ? i : i + 1;
                        lineNo++;
                        indexLine(store, channel, file, buf, lineStart, end, bufStart, lineNo);
                        lineStart = i + 1;
                    }
                }
                System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
                filled -= lineStart;
                bufStart += lineStart;
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }
        try {
            store.seal();
        } catch (IllegalArgumentException e) {
            channel.close();
            throw e;
        }
        return store;
    }

    private static void indexLine(ResourceStore store, FileChannel channel, Path file, byte[] buf, int from, int to,
                                  long bufStart, long lineNo) throws IOException {
        int end = to > from && buf[to - 1] == '\r' ? to - 1 : to;
        if (end <= from) {
            return;
        }
        try {
            RecordFields f = RecordFields.read(buf, from, end - from);
            store.addBaseLine(f.id(), f.updatedAtMillis(), f.deleted(), bufStart + from, end - from);
        } catch (IOException e) {
            channel.close();
            throw new IllegalArgumentException(file.getFileName() + " line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    /** The store of a resource, or empty for an unknown resource. */
    public Optional<ResourceStore> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }

    /** Creates an empty store for a resource that appears through a mutation (a new custom module's records). */
    public ResourceStore resourceOrCreate(String name) {
        return resources.computeIfAbsent(name, this::emptyStore);
    }

    public Map<String, ResourceStore> resources() {
        return resources;
    }

    public Path datasetDir() {
        return datasetDir;
    }

    /** Where an attachment's bytes are: written by a mutation, else the dataset's. */
    public Optional<Path> attachmentContent(String id) {
        if (!isSafeFileName(id)) {
            return Optional.empty();
        }
        Path created = workDir.resolve(DatasetLayout.ATTACHMENTS_DIR).resolve(id);
        if (Files.isRegularFile(created)) {
            return Optional.of(created);
        }
        Path original = datasetDir.resolve(DatasetLayout.ATTACHMENTS_DIR).resolve(id);
        return Files.isRegularFile(original) ? Optional.of(original) : Optional.empty();
    }

    public void writeAttachment(String id, byte[] content) throws IOException {
        if (!isSafeFileName(id)) {
            throw new IllegalArgumentException("invalid attachment id");
        }
        Files.write(workDir.resolve(DatasetLayout.ATTACHMENTS_DIR).resolve(id), content);
    }

    /** Attachment ids become file names: nothing that could leave the attachments folder. */
    private static boolean isSafeFileName(String id) {
        return !(id.isEmpty() || id.contains("/") || id.contains("\\") || id.equals(".") || id.equals("..")
                || id.indexOf('\0') >= 0);
    }

    @Override
    public void close() throws IOException {
        for (ResourceStore s : resources.values()) {
            s.close();
        }
        deleteRecursively(workDir);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
