package dev.ferry.sim.freshsales.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Every module's table behind one read-write lock: writes validate references across modules
 * (a deal's account, a note's parent), so one lock keeps those checks and the write atomic.
 */
@ApplicationScoped
public class RecordStore {

    /** First record id; 11 digits like the ids the real service hands out. */
    public static final long FIRST_ID = 70_000_100_000L;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, ModuleTable> tables = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(FIRST_ID);

    public ModuleTable table(String module) {
        return tables.computeIfAbsent(module, ModuleTable::new);
    }

    public Map<String, ModuleTable> tables() {
        return tables;
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    public <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Empties every table and restarts the id sequence. */
    public void clear() {
        write(() -> {
            tables.values().forEach(ModuleTable::clear);
            ids.set(FIRST_ID);
            return null;
        });
    }
}
