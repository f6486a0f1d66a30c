package dev.ferry.sim.freshsales.ratelimit;

import dev.ferry.sim.freshsales.clock.SimClock;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The one account-wide limiter of the running sandbox. */
@ApplicationScoped
public class RateLimiterBean {

    private final AccountRateLimiter limiter;
    private final SettingsHolder settings;

    @Inject
    public RateLimiterBean(SimClock clock, SettingsHolder settings) {
        this.limiter = new AccountRateLimiter(clock);
        this.settings = settings;
    }

    public RateDecision tryAcquire() {
        return limiter.tryAcquire(settings.get());
    }

    public RateDecision peek() {
        return limiter.peek(settings.get());
    }

    public void reset() {
        limiter.reset();
    }
}
