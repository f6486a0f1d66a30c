package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.config.MapperConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Lets a raw record wait, on its consumer's thread, for the other resources its mapping waits for, before it is held.
 *
 * <p>Why: the raw channels are consumed side by side and nearly everything references a patient. While a practice's
 * patients were still being read, every other channel's records were held in the pending table (a write, a read and
 * a delete of each payload) and the patients got a small share of the mapper: in the 30,000-patient bench 206,563 of
 * 206,693 indexed records were held after nine minutes, and nothing reached the loader for thirteen. Waiting a little
 * per record all but pauses a dependant's channel until what it references is complete; its records are then mapped
 * as they arrive. (The connector keeps polling while a record is processed, so a waiting channel keeps its group.)
 *
 * <p>The wait is bounded ({@code ferry.mapper.dependency-wait}): a dependency that does not complete soon (an
 * extractor away, another run's records queued behind this one) costs a slow channel, never a stuck one, and the
 * record is then held as before. The same bound applies once the resources are complete but the record's parent is
 * not decided yet (still being mapped or released): the mapping is asked again. A record never waits for its own resource (patients for the patients' manifest): that
 * would wait for its own channel. A shutdown ends every wait at once.
 */
@ApplicationScoped
public class DependencyWait {

    /** How often a waiting record looks again: two small reads on the run's progress rows. */
    static final Duration RECHECK = Duration.ofMillis(250);

    private final RunContexts contexts;
    private final Duration limit;
    private volatile boolean stopping;

    public DependencyWait(RunContexts contexts, MapperConfig config) {
        this.contexts = contexts;
        this.limit = config.dependencyWait();
    }

    /** {@code readiness} of a record of {@code resource}, or what it became after waiting for another resource. */
    public Readiness await(String runId, SourceResource resource, Readiness readiness) {
        return await(resource, readiness, () -> contexts.check(runId, resource), limit, RECHECK,
                DependencyWait::pause, () -> stopping);
    }

    /**
     * Tries {@code work} again after {@link #RECHECK}, then after pauses twice as long, until it is done, at most the
     * wait's limit: a record whose
     * resources are complete but whose parent (the patient of an appointment) is not decided yet, because that parent
     * is still being mapped or released. False: hold it.
     */
    public boolean retry(BooleanSupplier work) {
        return retry(work, limit, RECHECK, DependencyWait::pause, () -> stopping);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Looks again every {@code every} while the record waits for another resource, at most {@code limit} long; a pause
     * that returns false (interrupted) or {@code stopping} ends the wait.
     */
    static Readiness await(SourceResource resource, Readiness readiness, Supplier<Readiness> check, Duration limit,
            Duration every, Pause pause, BooleanSupplier stopping) {
        long rounds = every.isZero() ? 0 : limit.toNanos() / every.toNanos();
        Readiness now = readiness;
        for (long round = 0; round < rounds && waitsForAnother(resource, now); round++) {
            if (stopping.getAsBoolean() || !pause.sleep(every)) {
                break;
            }
            now = check.get();
        }
        return now;
    }

    /**
     * Each try maps the record again (the engine's whole work), so the pauses double from {@code first}: the 3,000-patient
     * bench spent 20 % more of the mapper's CPU with a try every 250 ms. The pauses add up to at most {@code limit}.
     */
    static boolean retry(BooleanSupplier work, Duration limit, Duration first, Pause pause, BooleanSupplier stopping) {
        if (first.isZero()) {
            return false;
        }
        Duration left = limit;
        for (Duration next = first; next.compareTo(left) <= 0; left = left.minus(next), next = next.multipliedBy(2)) {
            if (stopping.getAsBoolean() || !pause.sleep(next)) {
                return false;
            }
            if (work.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    static boolean waitsForAnother(SourceResource resource, Readiness readiness) {
        return readiness instanceof Readiness.Waiting w && w.on() != null && w.on() != resource;
    }

    /** A pause between two looks; false when it was cut short. */
    @FunctionalInterface
    interface Pause {
        boolean sleep(Duration d);
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a shutdown: hold the record and let the channel stop
            return false;
        }
    }
}
