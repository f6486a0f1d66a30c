package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.migration.StallWatch;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the demo gave up after five minutes without movement, which is exactly what an exhausted hourly budget
 * looks like. A stall is no movement while the loader is not waiting for budget. Polls are simulated a minute apart.
 */
class StallWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final long MIN = Duration.ofMinutes(1).toNanos();
    /** The mapper could not be read: only the reconciliation and the budget decide. */
    private static final LongSupplier NO_MAPPER = () -> -1;

    private static JsonNode budget(int hourUsed, int hourLimit, long waitedMillis) throws Exception {
        return JSON.readTree(String.format("""
                {"shared": {"minuteLimit": 360, "hourLimit": %d, "minuteUsed": 0, "hourUsed": %d, "blockedUntil": null},
                 "thisProcess": {"calls": 10, "budgetWaits": 1, "budgetWaitedMillis": %d}}""",
                hourLimit, hourUsed, waitedMillis));
    }

    @Test
    void anHourOfWaitingForTheHourlyBudgetIsNoStall() throws Exception {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        for (int m = 0; m <= 60; m++) {
            assertThat(watch.observe("same", NO_MAPPER, budget(4500, 4500, m * 60_000L), T0.plusSeconds(60L * m),
                    m * MIN))
                    .as("minute %d", m).isFalse();
        }
    }

    @Test
    void noMovementAndNoBudgetWaitIsAStallAfterTheStallTime() throws Exception {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        for (int m = 0; m <= 5; m++) {
            assertThat(watch.observe("same", NO_MAPPER, budget(100, 4500, 0), T0.plusSeconds(60L * m), m * MIN))
                    .isFalse();
        }
        assertThat(watch.observe("same", NO_MAPPER, budget(100, 4500, 0), T0.plusSeconds(360), 6 * MIN)).isTrue();
    }

    @Test
    void aWaitThatBeganAndEndedBetweenTwoPollsCountsAsProgress() throws Exception {
        // Each poll finds the window free again (hour used below the limit), but the loader waited in between.
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        for (int m = 0; m <= 20; m++) {
            assertThat(watch.observe("same", NO_MAPPER, budget(4400, 4500, m * 30_000L), T0.plusSeconds(60L * m),
                    m * MIN))
                    .isFalse();
        }
        // Once it stops waiting and nothing moves, the stall clock runs again.
        for (int m = 21; m <= 25; m++) {
            assertThat(watch.observe("same", NO_MAPPER, budget(4400, 4500, 600_000L), T0.plusSeconds(60L * m),
                    m * MIN)).isFalse();
        }
        assertThat(watch.observe("same", NO_MAPPER, budget(4400, 4500, 600_000L), T0.plusSeconds(60L * 26),
                26 * MIN)).isTrue();
    }

    @Test
    void movementResetsTheClockAndAnUnreadableBudgetIsNoWait() {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        assertThat(watch.observe("a", NO_MAPPER, null, T0, 0)).isFalse();
        assertThat(watch.observe("b", NO_MAPPER, null, T0.plusSeconds(240), 4 * MIN)).isFalse();
        assertThat(watch.observe("b", NO_MAPPER, null, T0.plusSeconds(540), 9 * MIN)).isFalse();
        assertThat(watch.observe(null, NO_MAPPER, null, T0.plusSeconds(600), 10 * MIN)).isTrue();
    }

    /**
     * Regression (the 30,000-patient bench, bench/README.md): the mapper held every record it took in until the last
     * patient was indexed, the reconciliation did not move for six minutes, and the five-minute watch gave up on a
     * mapper busy on a whole core. Its held records rising, then falling, are movement; once they stand still, the
     * stall clock runs again.
     */
    @Test
    void theMapperTakingRecordsInOrReleasingThemIsMovement() throws Exception {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        long[] held = {0};
        for (int m = 0; m <= 20; m++) {
            held[0] = m <= 10 ? 20_000L * m : 200_000L - 15_000L * (m - 10);
            assertThat(watch.observe("nothing accounted yet", () -> held[0], budget(0, 4500, 0),
                    T0.plusSeconds(60L * m), m * MIN)).as("minute %d", m).isFalse();
        }
        for (int m = 21; m <= 25; m++) {
            assertThat(watch.observe("nothing accounted yet", () -> held[0], budget(0, 4500, 0),
                    T0.plusSeconds(60L * m), m * MIN)).as("minute %d", m).isFalse();
        }
        assertThat(watch.observe("nothing accounted yet", () -> held[0], budget(0, 4500, 0), T0.plusSeconds(60L * 26),
                26 * MIN)).isTrue();
    }

    @Test
    void aMapperThatCannotBeReadIsNoMovementAndTheHeldCountIsReadOnlyWhenNothingElseMoved() throws Exception {
        StallWatch watch = new StallWatch(Duration.ofMinutes(5), 0);
        int[] reads = {0};
        assertThat(watch.observe("a", () -> { reads[0]++; return 7; }, null, T0, 0)).isFalse();
        assertThat(watch.observe("b", () -> { reads[0]++; return 7; }, null, T0.plusSeconds(60), MIN)).isFalse();
        assertThat(reads[0]).as("the fingerprint moved on both polls").isZero();
        // Unreadable (the fault matrix killed the mapper), readable, unreadable again: no reading compares with -1.
        for (int m = 2; m <= 6; m++) {
            long value = m % 2 == 0 ? -1 : 7;
            assertThat(watch.observe("b", () -> value, null, T0.plusSeconds(60L * m), m * MIN)).isFalse();
        }
        assertThat(watch.observe("b", () -> -1, null, T0.plusSeconds(60L * 7), 7 * MIN)).isTrue();
    }
}
