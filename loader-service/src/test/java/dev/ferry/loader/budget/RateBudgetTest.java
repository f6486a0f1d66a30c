package dev.ferry.loader.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.loader.config.LoaderConfig.HeaderBucket;
import dev.ferry.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The budget's arithmetic on a fake clock: sleeping moves the clock, so hours of traffic take milliseconds. */
class RateBudgetTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryBudgetStore store = new InMemoryBudgetStore(clock);
    private final Sleeper sleeper = clock::advance;

    private static BudgetLimits limits(int perMinute, int perHour, int headroom) {
        return new BudgetLimits(perMinute, perHour, headroom, Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofSeconds(60), HeaderBucket.AUTO);
    }

    private RateBudget budget(BudgetLimits limits) {
        return new RateBudget(store, "acme", limits, sleeper, Duration.ofSeconds(5));
    }

    /**
     * The status shows when the hour's calls were made, and the ETA model ({@code CallBudget}) read from it predicts
     * what the budget does: after a fresh account's burst (5000 calls at 400 a minute) the next 400 calls wait for the
     * burst's first minute to leave the window, ~47.5 minutes on, not 400 ÷ 5000 of an hour (288 s, the old model).
     */
    @Test
    void theStatusHoldsTheHourMinuteByMinuteAndTheEtaFromItIsWhatTheBudgetDoes() throws Exception {
        RateBudget budget = budget(limits(400, 5000, 0));
        for (int i = 0; i < 5000; i++) {
            budget.acquire(1);
        }
        BudgetStatus status = budget.status();
        int[] byMinute = status.hourByMinute();
        assertThat(byMinute).hasSize(dev.ferry.contracts.budget.CallBudget.MINUTES);
        assertThat(java.util.Arrays.stream(byMinute).sum()).isEqualTo(status.hourUsed()).isEqualTo(5000);
        assertThat(byMinute[0]).as("nothing an hour ago").isZero();
        assertThat(byMinute[59]).as("the burst's last calls").isPositive();

        long eta = dev.ferry.contracts.budget.CallBudget.etaSeconds(400, 400, 5000,
                java.util.Arrays.stream(byMinute).asDoubleStream().toArray());
        Instant before = clock.instant();
        for (int i = 0; i < 400; i++) {
            budget.acquire(1);
        }
        long took = Duration.between(before, clock.instant()).toSeconds();
        assertThat(took).as("the budget's wait").isGreaterThan(2700);
        assertThat(eta).as("the model's resolution is a minute; the windows' margin adds a second")
                .isBetween(took - 61, took + 61);
    }

    @Test
    void twoClientsSharingOneStoreNeverExceedEitherLimitInAnyWindowAndBothProgress() throws Exception {
        BudgetLimits limits = limits(20, 200, 0);
        RateBudget a = budget(limits);
        RateBudget b = budget(limits);
        List<Instant> grants = new ArrayList<>();
        int[] perClient = new int[2];
        Random random = new Random(7);
        // Three simulated hours of both clients asking as fast as they can, with random think times.
        Instant end = T0.plus(Duration.ofHours(3));
        while (true) {
            int who = random.nextInt(2);
            (who == 0 ? a : b).acquire(1);
            if (!clock.instant().isBefore(end)) {
                break;
            }
            grants.add(clock.instant());
            perClient[who]++;
            clock.advance(Duration.ofMillis(random.nextInt(300)));
        }
        assertThat(maxInAnyWindow(grants, Duration.ofMinutes(1))).isLessThanOrEqualTo(20);
        assertThat(maxInAnyWindow(grants, Duration.ofHours(1))).isLessThanOrEqualTo(200);
        // The hourly limit is what binds: three hours give at most three budgets, and the loaders used them.
        assertThat(grants.size()).isBetween(3 * 200 - 20, 3 * 200);
        assertThat(perClient[0]).isGreaterThan(grants.size() / 4);
        assertThat(perClient[1]).isGreaterThan(grants.size() / 4);
        assertThat(a.waits() + b.waits()).isPositive();
    }

    /** The writer's way out of a long budget wait when a rebalance takes its work away (issue 8, hole 3). */
    @Test
    void aWaitEndsAtTheSliceWhereItsCallerNoLongerWantsIt() throws Exception {
        BudgetLimits limits = limits(1, 1000, 0);
        RateBudget budget = budget(limits);
        budget.acquire(1);
        int[] slices = {0};
        assertThatThrownBy(() -> budget.acquireWithin(1, null, () -> {
            if (++slices[0] == 3) {
                throw new IllegalStateException("handed over");
            }
        })).hasMessage("handed over");
        // Two 5 s slices slept, the third never: the caller left 50 s before the minute's budget came back.
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aServerCountingInClockAlignedMinutesNeverSeesMoreThanTheLimit() throws Exception {
        RateBudget budget = budget(limits(10, 10_000, 0));
        clock.advance(Duration.ofSeconds(37));
        List<Instant> grants = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            budget.acquire(1);
            grants.add(clock.instant());
        }
        Map<Long, Long> perClockMinute = new java.util.HashMap<>();
        grants.forEach(g -> perClockMinute.merge(g.getEpochSecond() / 60, 1L, Long::sum));
        assertThat(perClockMinute.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
    }

    @Test
    void anExhaustedBucketWaitsExactlyUntilItsOldestGrantLeavesTheWindow() {
        BudgetLimits limits = limits(5, 1000, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(store.tryTake("acme", 1, limits).granted()).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        BudgetDecision d = store.tryTake("acme", 1, limits);
        assertThat(d.granted()).isFalse();
        assertThat(d.reason()).isEqualTo("minute");
        // First grant at T0, window 60 s plus 1 s margin, now T0 + 5 s.
        assertThat(d.waitFor()).isEqualTo(Duration.ofSeconds(56));
        clock.advance(Duration.ofSeconds(56));
        assertThat(store.tryTake("acme", 1, limits).granted()).isTrue();
    }

    @Test
    void headroomIsLeftToOtherIntegrations() {
        BudgetLimits limits = limits(10, 1000, 10);
        int granted = 0;
        while (store.tryTake("acme", 1, limits).granted()) {
            granted++;
        }
        assertThat(granted).isEqualTo(9);
    }

    @Test
    void aRequestForMoreCallsThanTheLimitIsAMistakeNotAWait() {
        assertThatThrownBy(() -> store.tryTake("acme", 11, limits(10, 1000, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a429ThatSaysWhenTheBudgetResetsStopsCallsUntilThen() {
        BudgetLimits limits = limits(400, 1000, 0);
        store.refused("acme", new ServerView(1000, 0, Duration.ofSeconds(30)), limits);
        BudgetDecision d = store.tryTake("acme", 1, limits);
        assertThat(d.granted()).isFalse();
        assertThat(d.reason()).isEqualTo("429");
        assertThat(d.waitFor()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(store.tryTake("acme", 1, limits).granted()).isTrue();
    }

    @Test
    void a429WithoutAResetBacksOffLongerEachTimeInARowUntilACallIsAccepted() {
        BudgetLimits limits = limits(400, 1000, 0);
        store.refused("acme", ServerView.NONE, limits);
        assertThat(store.tryTake("acme", 1, limits).waitFor()).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        store.refused("acme", ServerView.NONE, limits);
        assertThat(store.tryTake("acme", 1, limits).waitFor()).isEqualTo(Duration.ofSeconds(120));
        clock.advance(Duration.ofSeconds(120));
        store.accepted("acme", ServerView.NONE, limits);
        store.refused("acme", ServerView.NONE, limits);
        assertThat(store.tryTake("acme", 1, limits).waitFor()).as("the streak ended").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void a429FromTheBucketTheHeadersDoNotDescribeBacksOffRatherThanTrustingTheirReset() {
        BudgetLimits limits = limits(400, 1000, 0);
        // The headers describe the hourly bucket, which still has room: the per-minute bucket refused.
        store.refused("acme", new ServerView(1000, 600, Duration.ofSeconds(2000)), limits);
        assertThat(store.tryTake("acme", 1, limits).waitFor()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aLowerLimitRevealedByTheHeadersReplacesThePlansLimit() {
        BudgetLimits limits = limits(400, 1000, 10);
        // 12 is far closer to the per-minute plan limit than to the hourly one.
        store.accepted("acme", new ServerView(12, 11, Duration.ofSeconds(40)), limits);
        BudgetStatus s = store.status("acme", limits);
        assertThat(s.serverMinuteLimit()).isEqualTo(12);
        assertThat(s.minuteLimit()).as("12 less 10 % headroom").isEqualTo(10);
        assertThat(s.hourLimit()).isEqualTo(900);
    }

    @Test
    void usageTheServerCountedBeyondTheLogFillsOnlyTheBucketItDescribes() {
        BudgetLimits limits = limits(400, 1000, 0);
        for (int i = 0; i < 5; i++) {
            store.tryTake("acme", 1, limits);
        }
        // Another integration on the account used 895 calls of this hour; the window resets in 10 minutes.
        store.accepted("acme", new ServerView(1000, 100, Duration.ofMinutes(10)), limits);
        BudgetStatus s = store.status("acme", limits);
        assertThat(s.hourUsed()).isEqualTo(900);
        assertThat(s.minuteUsed()).as("hourly usage says nothing about this minute").isEqualTo(5);
        // That usage leaves when the server's window resets, not a whole hour later.
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(store.status("acme", limits).hourUsed()).isEqualTo(5);
    }

    @Test
    void theLogIsNeverReducedByHeadersThatShowLessUsage() {
        BudgetLimits limits = limits(400, 1000, 0);
        for (int i = 0; i < 50; i++) {
            store.tryTake("acme", 1, limits);
        }
        // Grants other replicas made may not have reached the server yet.
        store.accepted("acme", new ServerView(1000, 990, Duration.ofMinutes(30)), limits);
        assertThat(store.status("acme", limits).hourUsed()).isEqualTo(50);
    }

    @Test
    void theDescribedBucketFollowsTheSettingOrTheClosestLimit() {
        BudgetLimits auto = limits(400, 5000, 0);
        assertThat(BudgetArithmetic.describedBucket(5000, auto)).isEqualTo(Bucket.HOUR);
        assertThat(BudgetArithmetic.describedBucket(400, auto)).isEqualTo(Bucket.MINUTE);
        assertThat(BudgetArithmetic.describedBucket(1000, auto)).as("a plan mix-up: 1000 is nearer 400 than 5000 by ratio")
                .isEqualTo(Bucket.MINUTE);
        BudgetLimits hour = new BudgetLimits(400, 5000, 0, Duration.ofMinutes(1), Duration.ofHours(1),
                Duration.ofSeconds(1), Duration.ofSeconds(60), HeaderBucket.HOUR);
        assertThat(BudgetArithmetic.describedBucket(400, hour)).isEqualTo(Bucket.HOUR);
    }

    @Test
    void aBoundedWaitGivesUpWithoutTakingAToken() throws Exception {
        BudgetLimits limits = limits(1, 1000, 0);
        RateBudget budget = budget(limits);
        assertThat(budget.acquireWithin(1, Duration.ofSeconds(5))).isEqualTo(Duration.ZERO);
        Instant before = clock.instant();
        assertThat(budget.acquireWithin(1, Duration.ofSeconds(5))).isNull();
        assertThat(clock.instant()).as("gave up without sleeping").isEqualTo(before);
        assertThat(store.status("acme", limits).minuteUsed()).isEqualTo(1);
    }

    @Test
    void rateLimitHeadersAreReadInEitherResetUnitAndGarbageIsIgnored() {
        Instant now = Instant.ofEpochSecond(1_750_000_000L);
        ServerView seconds = ServerView.parse(h(Map.of("X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "42",
                "X-RateLimit-Reset", "120")), now);
        assertThat(seconds).isEqualTo(new ServerView(1000, 42, Duration.ofSeconds(120)));
        ServerView epoch = ServerView.parse(h(Map.of("X-RateLimit-Limit", "1000", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", "1750000300")), now);
        assertThat(epoch.resetIn()).isEqualTo(Duration.ofSeconds(300));
        ServerView junk = ServerView.parse(h(Map.of("X-RateLimit-Limit", "lots", "X-RateLimit-Remaining", "-3")), now);
        assertThat(junk.describesUsage()).isFalse();
        assertThat(ServerView.parse(h(Map.of()), now)).isEqualTo(ServerView.NONE);
    }

    private static java.util.function.Function<String, Optional<String>> h(Map<String, String> headers) {
        return name -> Optional.ofNullable(headers.get(name));
    }

    /** The most grants inside any half-open interval of the given length starting at a grant. */
    static int maxInAnyWindow(List<Instant> sorted, Duration window) {
        int max = 0;
        int j = 0;
        for (int i = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plus(window))) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }
}
