package dev.ferry.contracts.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SourceResource;
import org.junit.jupiter.api.Test;

class CallBudgetTest {

    @Test
    void callsWithinTheHoursRoomGoAtTheMinuteLimit() {
        // 800 calls, 400 a minute, the hour has 5000 left: 2 minutes.
        assertThat(CallBudget.etaSeconds(800, 400, 5000, 5000)).isEqualTo(120);
    }

    @Test
    void callsBeyondTheHoursRoomGoAtTheHourLimit() {
        // 6000 calls; 1000 left this hour at 400 a minute (150 s), the other 5000 at 4500 an hour (4000 s).
        assertThat(CallBudget.etaSeconds(6000, 400, 4500, 1000)).isEqualTo(4150);
    }

    @Test
    void betweenHourlyBurstsTheEtaIsTheCallsOverTheHourLimitNotUnknown() {
        // The hour used up (a burst spent it): 2500 calls wait for the next hours, 5000 an hour: 30 minutes.
        assertThat(CallBudget.etaSeconds(2500, 400, 5000, 0)).isEqualTo(1800);
        assertThat(CallBudget.etaSeconds(2500, 400, 5000, -20)).isEqualTo(1800);
    }

    @Test
    void nothingLeftTakesNoTimeAndLimitsMustBePositive() {
        assertThat(CallBudget.etaSeconds(0, 400, 5000, 10)).isZero();
        assertThatThrownBy(() -> CallBudget.etaSeconds(10, 0, 5000, 10)).isInstanceOf(IllegalArgumentException.class);
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
