package dev.ferry.sim.dentes.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.dentes.config.SimConfig;
import dev.ferry.sim.dentes.datagen.GeneratorOptions;
import dev.ferry.sim.dentes.datagen.PracticeGenerator;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import dev.ferry.sim.dentes.store.PracticeStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Owns the practice being served. Reads run under a shared lock, loads and mutations under the exclusive one, so a
 * reader never sees a half-applied change and a page is never read from a store being closed.
 */
@ApplicationScoped
public class PracticeService {

    private static final Logger LOG = Logger.getLogger(PracticeService.class);

    @Inject
    SimConfig config;

    @Inject
    RequestStats stats;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong loads = new AtomicLong();
    private Path workRoot;
    private boolean ownWorkRoot;
    private Path startupDataset;
    private PracticeStore store;
    private Instant loadedAt;

    void onStart(@Observes StartupEvent event) throws IOException {
        ownWorkRoot = config.workDir().isEmpty();
        workRoot = config.workDir().map(Path::of).orElseGet(() -> {
            try {
                return Files.createTempDirectory("dentes-sim-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Files.createDirectories(workRoot);
        startupDataset = config.dataset().path().map(Path::of).orElseGet(this::generatedPractice);
        load(startupDataset);
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        lock.writeLock().lock();
        try {
            if (store != null) {
                store.close();
                store = null;
            }
            if (ownWorkRoot) {
                Files.deleteIfExists(workRoot);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Path generatedPractice() {
        int patients = config.generate().patients();
        long seed = config.generate().seed();
        // Outside the per-run work folder, so a restart with the same size and seed reuses it.
        Path dir = config.generate().dir().map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"),
                "dentes-sim-practices", "generated-" + patients + "-" + seed));
        try {
            Path manifest = dir.resolve(DatasetLayout.MANIFEST);
            if (Files.exists(manifest)) {
                JsonNode m = new ObjectMapper().readTree(manifest.toFile());
                if (m.path("patients").asInt(-1) == patients && m.path("seed").asLong() == seed) {
                    LOG.infof("Reusing generated practice in %s", dir);
                    return dir;
                }
            }
            LOG.infof("Generating a practice of %d patients (seed %d) into %s", patients, seed, dir);
            PracticeGenerator.generate(GeneratorOptions.of(patients, seed, dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the practice served with the dataset in {@code dir}; the old one stays served if this fails. */
    public PracticeStore load(Path dir) throws IOException {
        Path work = workRoot.resolve("store-" + loads.incrementAndGet());
        PracticeStore next = PracticeStore.load(dir.toAbsolutePath().normalize(), work);
        lock.writeLock().lock();
        try {
            PracticeStore previous = store;
            store = next;
            loadedAt = Instant.now();
            if (previous != null) {
                previous.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
        long records = next.resources().values().stream().mapToLong(r -> r.size()).sum();
        LOG.infof("Serving %d records from %s", records, dir);
        return next;
    }

    /** Back to the dataset served at start; mutations are dropped. */
    public PracticeStore reset() throws IOException {
        return load(startupDataset);
    }

    public <T> T read(Function<PracticeStore, T> action) {
        lock.readLock().lock();
        try {
            return action.apply(store);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs a change with the practice locked against readers. */
    public <T> T write(StoreAction<T> action) throws IOException {
        lock.writeLock().lock();
        try {
            return action.apply(store);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A change to the store that may fail with I/O. */
    @FunctionalInterface
    public interface StoreAction<T> {
        T apply(PracticeStore store) throws IOException;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public Path startupDataset() {
        return startupDataset;
    }
}
