package dev.ferry.sim.freshsales.service;

import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.config.SimSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Random;

/**
 * The fault dice. One seeded generator for all faults, re-seeded whenever the settings change or the sandbox is
 * reset, so a single-threaded client sees the same faults on every run with the same seed.
 */
@ApplicationScoped
public class FaultInjector {

    private final SettingsHolder settings;
    private Random random;

    @Inject
    public FaultInjector(SettingsHolder settings) {
        this.settings = settings;
        this.random = new Random(settings.get().faults.seed);
        settings.onChange(s -> reseed());
    }

    public synchronized void reseed() {
        random = new Random(settings.get().faults.seed);
    }

    private synchronized boolean roll(double rate) {
        return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
    }

    private synchronized int nextInt(int bound) {
        return bound <= 1 ? 0 : random.nextInt(bound);
    }

    private SimSettings.Faults f() {
        return settings.get().faults;
    }

    /** A 5xx status to answer instead of handling the call, or 0. */
    public int serverError() {
        if (!roll(f().serverErrorRate)) {
            return 0;
        }
        List<Integer> statuses = f().serverErrorStatuses;
        return statuses.get(nextInt(statuses.size()));
    }

    /** Latency to add to this call, in milliseconds. */
    public long latencyMs() {
        long jitter = f().latencyJitterMs;
        return f().latencyMs + (jitter > 0 ? nextInt((int) Math.min(Integer.MAX_VALUE, jitter + 1)) : 0);
    }

    /** Whether this committed write loses its response. */
    public boolean dropResponse() {
        return roll(f().dropResponseAfterCommitRate);
    }

    public boolean bulkUpsert405() {
        return roll(f().bulkUpsert405Rate);
    }

    /** Rows to keep of a full page that is not the last one, or -1 to keep all. */
    public int shortPage(int perPage) {
        if (perPage < 2 || !roll(f().shortPageRate)) {
            return -1;
        }
        return 1 + nextInt(perPage - 1);
    }
}
