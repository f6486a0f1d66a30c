package dev.ferry.sim.dentes.service;

import dev.ferry.sim.dentes.config.RuntimeSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides, per API request, whether to misbehave: added latency, 429 with Retry-After, a 5xx, or a list page that
 * fails the first time and succeeds afterwards. Dice are seeded (settings {@code faults.seed}) and re-seeded when the
 * settings change, so a single-client run is reproducible.
 */
@ApplicationScoped
public class FaultInjector {

    /** An injected failure. */
    public record Fault(int status, String code, String message, Integer retryAfterSeconds) {
    }

    @Inject
    SettingsService settings;

    @Inject
    SimClock clock;

    private Random dice = new Random(1);
    private final Set<String> seenOnce = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void init() {
        reset();
        settings.onChange(this::reset);
    }

    /** Forgets which pages already failed once and re-seeds the dice. */
    public synchronized void reset() {
        dice = new Random(settings.current().faults.seed);
        seenOnce.clear();
    }

    /**
     * Applies latency (by sleeping on the worker thread) and returns the fault to answer with, if any.
     *
     * @param resource resource name
     * @param listKey  for list requests, a key of the page asked (resource:page) and the full query; null otherwise
     */
    public Optional<Fault> beforeServing(String resource, String listKey, String listQuery) {
        RuntimeSettings.FaultSettings f = settings.current().faults;
        long latency = f.latencyMillis + (f.latencyJitterMillis > 0 ? roll(f.latencyJitterMillis + 1) : 0);
        clock.sleep(latency);
        if (f.rateLimitRate > 0 && chance(f.rateLimitRate)) {
            return Optional.of(new Fault(429, "RATE_LIMITED", "Too many requests, retry later", f.retryAfterSeconds));
        }
        if (f.serverErrorRate > 0 && chance(f.serverErrorRate)) {
            return Optional.of(new Fault(f.serverErrorStatus, "SERVER_ERROR", "Upstream error, please retry", null));
        }
        if (listKey != null) {
            if (f.failOncePages.contains(listKey) && seenOnce.add("page|" + listKey)) {
                return Optional.of(new Fault(f.failOnceStatus, "SERVER_ERROR", "Temporary failure, please retry", null));
            }
            if (f.failOnceRate > 0 && seenOnce.add("query|" + listQuery) && chance(f.failOnceRate)) {
                return Optional.of(new Fault(f.failOnceStatus, "SERVER_ERROR", "Temporary failure, please retry", null));
            }
        }
        return Optional.empty();
    }

    private synchronized boolean chance(double p) {
        return dice.nextDouble() < p;
    }

    private synchronized long roll(long bound) {
        return (long) (dice.nextDouble() * bound);
    }
}
