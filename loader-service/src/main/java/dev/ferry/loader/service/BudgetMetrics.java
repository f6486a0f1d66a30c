package dev.ferry.loader.service;

import dev.ferry.loader.budget.BudgetStatus;
import dev.ferry.loader.budget.RateBudget;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The shared rate budget on {@code /q/metrics} (issue 13), so a dashboard shows why a run is slow: the usable limit
 * and what the loaders used in the minute and hour windows, what remains, until when a 429 blocks every call, and
 * this process's waits for budget, time spent waiting and 429s.
 *
 * <p>The window counts live in the budget store (PostgreSQL, shared by every replica), so one scrape reads them once
 * and its gauges share that reading for a second; a store that cannot be read reports NaN, never a stale number.
 */
public final class BudgetMetrics {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final RateBudget budget;
    private BudgetStatus last;
    private long readAtNanos;
    private boolean read;

    private BudgetMetrics(RateBudget budget) {
        this.budget = budget;
    }

    /** Registers the budget's meters, tagged with the budget's account. */
    public static BudgetMetrics register(MeterRegistry registry, RateBudget budget) {
        BudgetMetrics m = new BudgetMetrics(budget);
        Tags account = Tags.of("account", budget.account());
        for (String window : new String[] {"minute", "hour"}) {
            boolean minute = window.equals("minute");
            Tags tags = account.and("window", window);
            m.gauge(registry, "ferry.loader.budget.limit", tags, "calls the loaders may use in the window",
                    s -> minute ? s.minuteLimit() : s.hourLimit());
            m.gauge(registry, "ferry.loader.budget.used", tags, "calls counted in the window, every replica",
                    s -> minute ? s.minuteUsed() : s.hourUsed());
            m.gauge(registry, "ferry.loader.budget.remaining", tags, "calls left in the window",
                    s -> Math.max(0, minute ? s.minuteLimit() - s.minuteUsed() : s.hourLimit() - s.hourUsed()));
        }
        // Prometheus names carry the unit: ferry_loader_budget_blocked_until_seconds, ..._waited_seconds_total.
        Gauge.builder("ferry.loader.budget.blocked.until", m, x -> {
            BudgetStatus s = x.status();
            return s == null ? Double.NaN : s.blockedUntil() == null ? 0 : s.blockedUntil().getEpochSecond();
        }).tags(account).baseUnit("seconds")
                .description("epoch second until which a 429 stops every call (0: not blocked)").register(registry);
        FunctionCounter.builder("ferry.loader.budget.waits", budget, RateBudget::waits).tags(account)
                .description("times this process waited for budget before a call").register(registry);
        FunctionCounter.builder("ferry.loader.budget.waited.seconds", budget, b -> b.waitedMillis() / 1000.0)
                .tags(account).baseUnit("seconds").description("time this process spent waiting for budget").register(registry);
        FunctionCounter.builder("ferry.loader.budget.refusals", budget, RateBudget::refusals).tags(account)
                .description("429 answers this process saw").register(registry);
        return m;
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, String description,
            ToDoubleFunction<BudgetStatus> value) {
        Gauge.builder(name, this, m -> {
            BudgetStatus s = m.status();
            return s == null ? Double.NaN : value.applyAsDouble(s);
        }).tags(tags).description(description).register(registry);
    }

    /**
     * The store's reading, at most a second old by the wall clock (not the service's injectable clock, which tests may
     * hold still: a frozen clock kept the first scrape's reading forever); null when the store cannot be read.
     */
    synchronized BudgetStatus status() {
        long now = System.nanoTime();
        if (!read || now - readAtNanos >= FRESH_NANOS) {
            try {
                last = budget.status();
            } catch (RuntimeException e) {
                last = null;
            }
            readAtNanos = now;
            read = true;
        }
        return last;
    }
}
