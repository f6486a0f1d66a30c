package dev.ferry.sim.freshsales.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sim.freshsales.config.SimSettings;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccountRateLimiterTest {

    /** 2030-01-01T10:00:00Z, the start of a clock hour. */
    private static final long HOUR_START = 1_893_492_000_000L;

    private final AtomicLong now = new AtomicLong(HOUR_START);
    private final AccountRateLimiter limiter = new AccountRateLimiter(now::get);

    private static SimSettings settings(int hour, int minute) {
        SimSettings s = new SimSettings();
        s.perHourLimit = hour;
        s.perMinuteLimit = minute;
        return s;
    }

    @Test
    void hourlyBudgetIsExhaustedAndRenewsAtTheNextClockHour() {
        SimSettings s = settings(3, 400);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        }
        RateDecision refused = limiter.tryAcquire(s);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.blockedBy()).isEqualTo("hour");
        assertThat(refused.remaining()).isZero();
        now.addAndGet(3_599_000);
        assertThat(limiter.tryAcquire(s).allowed()).isFalse();
        now.addAndGet(1_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
    }

    @Test
    void perMinuteBudgetBitesInBurstsAndRenewsEachMinute() {
        SimSettings s = settings(1000, 2);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        RateDecision refused = limiter.tryAcquire(s);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.blockedBy()).isEqualTo("minute");
        assertThat(refused.retryAfterSeconds()).isEqualTo(60);
        now.addAndGet(60_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
    }

    @Test
    void refusedCallsDoNotConsumeBudget() {
        SimSettings s = settings(1, 400);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(s).allowed()).isFalse();
        }
        now.addAndGet(3_600_000);
        RateDecision d = limiter.tryAcquire(s);
        assertThat(d.allowed()).isTrue();
        assertThat(d.remaining()).isZero();
    }

    @Test
    void headersDescribeTheHourlyBucketInSecondsUntilReset() {
        SimSettings s = settings(1000, 400);
        now.addAndGet(600_000);
        RateDecision d = limiter.tryAcquire(s);
        assertThat(d.limit()).isEqualTo(1000);
        assertThat(d.remaining()).isEqualTo(999);
        assertThat(d.reset()).isEqualTo(3000);
    }

    @Test
    void resetCanBeReportedAsEpochSeconds() {
        SimSettings s = settings(1000, 400);
        s.rateLimitResetUnit = SimSettings.ResetUnit.EPOCH_SECONDS;
        now.addAndGet(600_000);
        assertThat(limiter.tryAcquire(s).reset()).isEqualTo((HOUR_START + 3_600_000) / 1000);
    }

    @Test
    void headersCanDescribeTheTightestBucket() {
        SimSettings s = settings(1000, 5);
        s.rateLimitHeaderBucket = SimSettings.HeaderBucket.TIGHTEST;
        RateDecision d = limiter.tryAcquire(s);
        assertThat(d.limit()).isEqualTo(5);
        assertThat(d.remaining()).isEqualTo(4);
        assertThat(d.reset()).isEqualTo(60);
    }

    @Test
    void rollingWindowFreesSlotsAnHourAfterEachCall() {
        SimSettings s = settings(2, 400);
        s.windowMode = SimSettings.WindowMode.ROLLING;
        now.set(HOUR_START + 1_800_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        now.addAndGet(600_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        // A fixed window would renew at the top of the hour (20 minutes later); a rolling one does not.
        now.set(HOUR_START + 3_600_000 + 60_000);
        RateDecision refused = limiter.tryAcquire(s);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1_740);
        now.set(HOUR_START + 1_800_000 + 3_600_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        assertThat(limiter.tryAcquire(s).allowed()).isFalse();
    }

    @Test
    void timeScaleMakesASimulatedHourPassInOneRealSecond() {
        SimSettings s = settings(2, 400);
        s.timeScale = 3600;
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        RateDecision refused = limiter.tryAcquire(s);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        now.addAndGet(1_000);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
    }

    @Test
    void changingTheTimeScaleDoesNotJumpSimulatedTime() {
        SimSettings slow = settings(1, 400);
        assertThat(limiter.tryAcquire(slow).allowed()).isTrue();
        now.addAndGet(10_000);
        SimSettings fast = settings(1, 400);
        fast.timeScale = 60;
        // 10 real seconds at scale 1 are 10 simulated seconds, not 600: still the same hour.
        assertThat(limiter.tryAcquire(fast).allowed()).isFalse();
        now.addAndGet(60_000);
        assertThat(limiter.tryAcquire(fast).allowed()).isTrue();
    }

    @Test
    void resetForgetsCountedCalls() {
        SimSettings s = settings(1, 400);
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
        limiter.reset();
        assertThat(limiter.tryAcquire(s).allowed()).isTrue();
    }
}
