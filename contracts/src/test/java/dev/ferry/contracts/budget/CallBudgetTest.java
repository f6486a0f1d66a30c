package dev.ferry.contracts.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SourceResource;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

    private static final double[] FRESH = new double[0];

    /** A last hour that spent 5,000 calls at 400 a minute ({@code at} minutes into the window), and none otherwise. */
    private static double[] burstAt(int at) {
        double[] minutes = new double[CallBudget.MINUTES];
        for (int i = 0; i < 12; i++) {
            minutes[at + i] = 400;
        }
        minutes[at + 12] = 200;
        return minutes;
    }

    @Test
    void callsWithinTheHoursRoomGoAtTheMinuteLimit() {
        // 800 calls, 400 a minute, nothing spent this hour: 2 minutes.
        assertThat(CallBudget.etaSeconds(800, 400, 5000, FRESH)).isEqualTo(120);
        assertThat(CallBudget.etaSeconds(5000, 400, 5000, FRESH)).isEqualTo(750);
    }

    @Test
    void callsBeyondTheHoursRoomWaitForTheHoursFirstCallsToAgeOut() {
        // 6000 on a fresh account: 5000 in 12.5 minutes, then the first minutes' calls leave the window at the pace
        // they were made: 400 at minute 60, 400 at 61, 200 at 62 (+30 s).
        assertThat(CallBudget.etaSeconds(6000, 400, 5000, FRESH)).isEqualTo(3750);
        assertThat(CallBudget.secondsFromFresh(6000, 400, 5000)).isEqualTo(3750.0);
    }

    /**
     * Regression (2026-12-07): the model counted the hour's room at the minute pace and every call after it at the
     * hour's steady rate, so 5,001 calls on a fresh account took 751 s; the 5,001st waits for the first minute's calls
     * to leave the window, an hour after they were made. The bench's floor had the same error (BudgetMaths, 25ad97a).
     */
    @Test
    void justPastAWholeHoursCallsTheEtaCountsTheWaitForTheWindow() {
        assertThat(CallBudget.etaSeconds(5001, 400, 5000, FRESH)).isEqualTo(3600);
        assertThat(CallBudget.etaSeconds(10_001, 400, 5000, FRESH)).isEqualTo(7200);
    }

    @Test
    void whenTheHoursCallsWereMadeDecidesHowLongTheNextOnesWait() {
        // The same 5,000 calls in the window, the hour used up: made at its start, they leave it in the next minute;
        // made at its end (47 minutes ago ... now), the next calls wait 47 minutes.
        assertThat(CallBudget.etaSeconds(400, 400, 5000, burstAt(0))).isEqualTo(60);
        assertThat(CallBudget.etaSeconds(400, 400, 5000, burstAt(47))).isEqualTo(47 * 60 + 60);
        // Spread evenly over the hour, they free up at the hour's steady rate: 1000 calls in 12 minutes, the last
        // minute's 83 at the minute pace (12.5 s).
        double[] even = new double[CallBudget.MINUTES];
        java.util.Arrays.fill(even, 5000 / 60.0);
        assertThat(CallBudget.etaSeconds(1000, 400, 5000, even)).isEqualTo(673);
    }

    @Test
    void aShortHistoryMeansQuietOlderMinutesAndALongOneKeepsTheNewestHour() {
        assertThat(CallBudget.etaSeconds(400, 400, 5000, new double[] {4800}))
                .as("4800 calls in the last minute: 200 of room now, the rest as they leave the window 59 minutes on")
                .isEqualTo(59 * 60 + 30);
        double[] seventy = new double[70];
        seventy[0] = 5000;
        assertThat(CallBudget.etaSeconds(400, 400, 5000, seventy)).as("calls older than the window do not count")
                .isEqualTo(60);
    }

    @Test
    void nothingLeftTakesNoTimeAndLimitsMustBePositive() {
        assertThat(CallBudget.etaSeconds(0, 400, 5000, FRESH)).isZero();
        assertThatThrownBy(() -> CallBudget.etaSeconds(10, 0, 5000, FRESH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyResourceHasACostAndOnlyDocumentsAndOwnersAreFree() {
        for (SourceResource r : SourceResource.values()) {
            assertThat(CallsPerRecord.of(r)).as(r.path()).isGreaterThanOrEqualTo(0);
        }
        assertThat(CallsPerRecord.of(SourceResource.PATIENTS)).isLessThan(1);
        assertThat(CallsPerRecord.of(SourceResource.TREATMENT_CASES)).isEqualTo(1.0);
        assertThat(CallsPerRecord.of(SourceResource.WORKFLOWS)).isZero();
    }
}
