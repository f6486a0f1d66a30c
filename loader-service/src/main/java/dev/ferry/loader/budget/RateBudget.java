package dev.ferry.loader.budget;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One Freshsales account's call budget as the client uses it: ask before every call, report every answer. An
 * exhausted budget means waiting (never failing), a 429 means stopping until the server's budget frees up.
 */
public class RateBudget {

    private static final Logger LOG = Logger.getLogger(RateBudget.class);

    private final BudgetStore store;
    private final String account;
    private final BudgetLimits limits;
    private final Sleeper sleeper;
    private final Duration maxSlice;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong waitedMillis = new AtomicLong();

    public RateBudget(BudgetStore store, String account, BudgetLimits limits, Sleeper sleeper, Duration maxSlice) {
        this.store = store;
        this.account = account;
        this.limits = limits;
        this.sleeper = sleeper;
        this.maxSlice = maxSlice;
    }

    /** Blocks until {@code calls} calls are granted; returns how long it waited. */
    public Duration acquire(int calls) throws InterruptedException {
        return acquireWithin(calls, null);
    }

    /**
     * Blocks until {@code calls} calls are granted or {@code maxWait} has passed (null: no limit); returns how long it
     * waited, or null when the limit passed first.
     */
    public Duration acquireWithin(int calls, Duration maxWait) throws InterruptedException {
        return acquireWithin(calls, maxWait, () -> { });
    }

    /**
     * {@link #acquireWithin(int, Duration)}, running {@code beforeEachSleep} before each slice of the wait: a caller
     * whose work may be taken away meanwhile (a rebalance) throws from it instead of waiting out the hour.
     */
    public Duration acquireWithin(int calls, Duration maxWait, Runnable beforeEachSleep) throws InterruptedException {
        Duration waited = Duration.ZERO;
        String lastReason = null;
        while (true) {
            BudgetDecision d = store.tryTake(account, calls, limits);
            if (d.granted()) {
                if (!waited.isZero()) {
                    waitedMillis.addAndGet(waited.toMillis());
                    LOG.debugf("budget %s: waited %d ms (%s)", account, waited.toMillis(), lastReason);
                }
                return waited;
            }
            if (lastReason == null) {
                waits.incrementAndGet();
                LOG.debugf("budget %s exhausted (%s): waiting %d ms", account, d.reason(), d.waitFor().toMillis());
            }
            lastReason = d.reason();
            if (maxWait != null && waited.plus(d.waitFor()).compareTo(maxWait) > 0) {
                return null;
            }
            Duration slice = d.waitFor().compareTo(maxSlice) > 0 ? maxSlice : d.waitFor();
            beforeEachSleep.run();
            sleeper.sleep(slice);
            waited = waited.plus(slice);
        }
    }

    /** Reports an answered call (any status but 429) with its headers. */
    public void accepted(ServerView view) {
        store.accepted(account, view, limits);
    }

    /** Reports a 429. */
    public void refused(ServerView view) {
        refusals.incrementAndGet();
        LOG.infof("budget %s: Freshsales answered 429; calls stop until its budget frees up", account);
        store.refused(account, view, limits);
    }

    public BudgetStatus status() {
        return store.status(account, limits);
    }

    public String account() {
        return account;
    }

    /** Times a call had to wait for budget. */
    public long waits() {
        return waits.get();
    }

    /** 429 answers seen by this process. */
    public long refusals() {
        return refusals.get();
    }

    public long waitedMillis() {
        return waitedMillis.get();
    }
}
