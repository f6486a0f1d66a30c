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
    void theEtaSpendsTheCallsStillNeededAtTheMinuteLimitThenAtTheHourLimit() throws Exception {
        // 1000 written with 2000 calls: 2 calls a record; 3000 open records need 6000 calls. The hour has 1000 left
        // (at 400 a minute: 150 s), the other 5000 go at 4500 an hour (4000 s).
        JsonNode budget = budget(0, 400, 3500, 4500, null, 2000);
        assertThat(BudgetEta.eta(reconciliation(1000, 200, 3000), budget)).contains(Duration.ofSeconds(4150));
        assertThat(BudgetEta.line(reconciliation(1000, 200, 3000), budget, NOW))
                .contains("3500/4500 this hour", "ETA ~1h09m");
    }

    @Test
    void noEtaBeforeARecordWasWritten() throws Exception {
        assertThat(BudgetEta.eta(reconciliation(0, 5, 100), budget(0, 400, 0, 4500, null, 3))).isEmpty();
    }
}
