package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.loader.budget.BudgetLimits;
import dev.ferry.loader.budget.InMemoryBudgetStore;
import dev.ferry.loader.budget.RateBudget;
import dev.ferry.loader.budget.ServerView;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.config.LoaderConfig.HeaderBucket;
import dev.ferry.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The budget as a dashboard reads it from /q/metrics (issue 13). */
class BudgetMetricsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final Sleeper sleeper = clock::advance;
    private final RateBudget budget = new RateBudget(new InMemoryBudgetStore(clock), "acme",
            new BudgetLimits(10, 100, 0, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ZERO,
                    Duration.ofSeconds(30), HeaderBucket.AUTO), sleeper, Duration.ofSeconds(5));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String window) {
        var search = registry.find(name).tag("account", "acme");
        return (window == null ? search : search.tag("window", window)).gauge().value();
    }

    @Test
    void limitsUseRemainingAndWaitsAreReadFromTheBudget() throws Exception {
        BudgetMetrics.register(registry, budget);
        for (int i = 0; i < 12; i++) {
            budget.acquire(1);
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(gauge("ferry.loader.budget.limit", "minute")).isEqualTo(10);
        assertThat(gauge("ferry.loader.budget.limit", "hour")).isEqualTo(100);
        assertThat(gauge("ferry.loader.budget.used", "hour")).isEqualTo(12);
        assertThat(gauge("ferry.loader.budget.remaining", "hour")).isEqualTo(88);
        assertThat(gauge("ferry.loader.budget.blocked.until", null)).isZero();
        assertThat(registry.find("ferry.loader.budget.waits").functionCounter().count())
                .as("the 11th call waited for the minute window").isGreaterThanOrEqualTo(1);
        assertThat(registry.find("ferry.loader.budget.waited.seconds").functionCounter().count()).isPositive();
    }

    @Test
    void a429ShowsUntilWhenCallsAreBlockedAndCountsAsARefusal() {
        BudgetMetrics.register(registry, budget);
        budget.refused(new ServerView(null, null, Duration.ofSeconds(45)));
        Instant blockedUntil = budget.status().blockedUntil();
        assertThat(blockedUntil).isAfter(clock.instant());
        assertThat(gauge("ferry.loader.budget.blocked.until", null)).isEqualTo(blockedUntil.getEpochSecond());
        assertThat(registry.find("ferry.loader.budget.refusals").functionCounter().count()).isEqualTo(1);
    }

    @Test
    void aReadingIsSharedForASecondAndAStoreThatCannotBeReadReportsNaN() {
        InMemoryBudgetStore works = new InMemoryBudgetStore(clock);
        RateBudget broken = new RateBudget(new dev.ferry.loader.budget.BudgetStore() {
            @Override
            public dev.ferry.loader.budget.BudgetDecision tryTake(String account, int calls, BudgetLimits limits) {
                return works.tryTake(account, calls, limits);
            }

            @Override
            public void accepted(String account, ServerView view, BudgetLimits limits) {
                works.accepted(account, view, limits);
            }

            @Override
            public void refused(String account, ServerView view, BudgetLimits limits) {
                works.refused(account, view, limits);
            }

            @Override
            public dev.ferry.loader.budget.BudgetStatus status(String account, BudgetLimits limits) {
                throw new IllegalStateException("database away");
            }
        }, "acme", new BudgetLimits(10, 100, 0, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ZERO,
                Duration.ofSeconds(30), HeaderBucket.AUTO), sleeper, Duration.ofSeconds(5));
        BudgetMetrics.register(registry, broken);
        assertThat(gauge("ferry.loader.budget.used", "minute")).isNaN();
    }
}
