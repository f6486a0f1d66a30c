package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.cli.migration.BudgetEta;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 13: a run waiting for budget is not a stall, and the ETA comes from the calls still needed. */
class BudgetEtaTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode budget(int minuteUsed, int minuteLimit, int hourUsed, int hourLimit, String blockedUntil,
            long calls) throws Exception {
        return JSON.readTree(String.format("""
                {"shared": {"minuteLimit": %d, "hourLimit": %d, "minuteUsed": %d, "hourUsed": %d, "blockedUntil": %s},
                 "thisProcess": {"calls": %d}}""", minuteLimit, hourLimit, minuteUsed, hourUsed,
                blockedUntil == null ? "null" : "\"" + blockedUntil + "\"", calls));
    }

    private static JsonNode reconciliation(long created, long rejected, long open) throws Exception {
        return JSON.readTree(String.format("""
                {"resources": [{"resource": "patients", "created": %d, "rejected": %d, "unaccounted": %d}]}""",
                created, rejected, open));
    }

    @Test
    void anExhaustedHourOrMinuteOrA429IsWaitingForBudget() throws Exception {
        assertThat(BudgetEta.waitingForBudget(budget(10, 400, 4500, 4500, null, 0), NOW)).isTrue();
        assertThat(BudgetEta.waitingForBudget(budget(400, 400, 900, 4500, null, 0), NOW)).isTrue();
        assertThat(BudgetEta.waitingForBudget(budget(3, 400, 900, 4500, "2026-12-06T10:00:30Z", 0), NOW)).isTrue();
        assertThat(BudgetEta.waitingForBudget(budget(3, 400, 900, 4500, "2026-12-06T09:59:30Z", 0), NOW))
                .as("a 429 block that has passed").isFalse();
        assertThat(BudgetEta.waitingForBudget(budget(3, 400, 900, 4500, null, 0), NOW)).isFalse();
    }

    @Test
    void theEtaSpendsTheHoursRoomAtTheMinuteLimit() throws Exception {
        // 1000 written with 2000 calls: 2 calls a record; 300 open records need 600 calls; the hour has room: 90 s.
        JsonNode budget = budget(0, 400, 1000, 4500, null, 2000);
        assertThat(BudgetEta.eta(reconciliation(1000, 200, 300), budget)).contains(Duration.ofSeconds(90));
    }

    /**
     * Regression (2026-12-07): past the hour's room the ETA went at the hour's steady rate (400 calls: 288 s), where
     * the loader waits for the hour's calls to leave the window: a burst that ended a minute ago holds it 47 minutes.
     */
    @Test
    void pastTheHoursRoomTheEtaWaitsForTheHoursCallsToLeaveTheWindow() throws Exception {
        StringBuilder byMinute = new StringBuilder("0");
        for (int minute = 1; minute < 60; minute++) {
            byMinute.append(',').append(minute < 47 ? 0 : minute < 59 ? 400 : 200);
        }
        JsonNode budget = JSON.readTree("""
                {"shared": {"minuteLimit": 400, "hourLimit": 5000, "minuteUsed": 200, "hourUsed": 5000,
                 "hourByMinute": [%s], "blockedUntil": null}, "thisProcess": {"calls": 2000}}""".formatted(byMinute));
        assertThat(BudgetEta.eta(reconciliation(1000, 200, 200), budget)).contains(Duration.ofSeconds(47 * 60 + 60));
        assertThat(BudgetEta.line(reconciliation(1000, 200, 200), budget, NOW))
                .contains("5000/5000 this hour", "waiting for the window", "ETA ~0h48m");
    }

    @Test
    void aLoaderThatDoesNotSayWhenItsCallsWereMadeGetsTheLongerEta() throws Exception {
        // The hour spent and no minutes reported: read as spent in the last minute, 400 calls wait 59 minutes.
        JsonNode budget = budget(0, 400, 4500, 4500, null, 2000);
        assertThat(BudgetEta.eta(reconciliation(1000, 200, 200), budget)).contains(Duration.ofSeconds(3600));
    }

    @Test
    void noEtaBeforeARecordWasWritten() throws Exception {
        assertThat(BudgetEta.eta(reconciliation(0, 5, 100), budget(0, 400, 0, 4500, null, 3))).isEmpty();
    }
}
