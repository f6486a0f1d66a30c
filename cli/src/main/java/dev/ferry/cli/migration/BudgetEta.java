package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.budget.CallBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The loaders' shared budget as the demo reads it ({@code GET /budget} on the loader): whether the run is waiting for
 * budget, which is progress toward the next window and not a stall (issue 13: an exhausted hourly budget looked
 * exactly like a stuck run and the demo gave up after five minutes), and an ETA from the calls still needed.
 */
public final class BudgetEta {

    private static final String[] DONE = {"created", "updated", "unchanged", "linked", "failed"};

    private BudgetEta() {
    }

    /** Whether the loaders are waiting for budget: a window used up, or a 429 blocking calls until later. */
    public static boolean waitingForBudget(JsonNode budget, Instant now) {
        JsonNode s = budget.path("shared");
        Instant blocked = instant(s.path("blockedUntil"));
        if (blocked != null && blocked.isAfter(now)) {
            return true;
        }
        return used(s, "minute") >= limit(s, "minute") || used(s, "hour") >= limit(s, "hour");
    }

    /**
     * How long the records still open need at the budget: open records × the calls a written record has cost so far,
     * spent at the minute limit while the hour window has room, then as the hour's calls leave the window
     * ({@link CallBudget}, from the loader's {@code hourByMinute}). Empty until a record has been written (no
     * calls-per-record yet).
     */
    public static Optional<Duration> eta(JsonNode reconciliation, JsonNode budget) {
        long written = 0;
        long open = 0;
        for (JsonNode r : reconciliation.path("resources")) {
            for (String c : DONE) {
                written += r.path(c).asLong(0);
            }
            open += Math.max(0, r.path("unaccounted").asLong(0));
        }
        long calls = budget.path("thisProcess").path("calls").asLong(0);
        JsonNode s = budget.path("shared");
        long perMinute = limit(s, "minute");
        long perHour = limit(s, "hour");
        if (written == 0 || calls == 0 || perMinute <= 0 || perHour <= 0) {
            return Optional.empty();
        }
        double needed = open * (calls / (double) written);
        return Optional.of(Duration.ofSeconds(CallBudget.etaSeconds(needed, perMinute, perHour, lastHour(s))));
    }

    /** One line for the demo's progress: the budget used and, when known, the ETA. */
    public static String line(JsonNode reconciliation, JsonNode budget, Instant now) {
        JsonNode s = budget.path("shared");
        StringBuilder sb = new StringBuilder(String.format("budget: %d/%d calls this minute, %d/%d this hour",
                used(s, "minute"), limit(s, "minute"), used(s, "hour"), limit(s, "hour")));
        if (waitingForBudget(budget, now)) {
            Instant blocked = instant(s.path("blockedUntil"));
            sb.append(blocked != null && blocked.isAfter(now) ? "; Freshsales answered 429, calls wait until " + blocked
                    : "; waiting for the window to free up (not a stall)");
        }
        eta(reconciliation, budget).ifPresent(d -> sb.append(String.format("; ETA ~%dh%02dm at this budget",
                d.toHours(), d.toMinutesPart())));
        return sb.toString();
    }

    /**
     * The hour window's calls minute by minute, oldest first. A loader that does not report them (older than this CLI)
     * gets its hour's count as if it was all made in the last minute: the ETA errs long, never short.
     */
    static double[] lastHour(JsonNode s) {
        JsonNode byMinute = s.path("hourByMinute");
        if (byMinute.isArray() && !byMinute.isEmpty()) {
            double[] calls = new double[byMinute.size()];
            for (int i = 0; i < calls.length; i++) {
                calls[i] = byMinute.get(i).asDouble(0);
            }
            return calls;
        }
        return new double[] {used(s, "hour")};
    }

    private static long used(JsonNode s, String window) {
        return s.path(window + "Used").asLong(0);
    }

    private static long limit(JsonNode s, String window) {
        return s.path(window + "Limit").asLong(Long.MAX_VALUE);
    }

    private static Instant instant(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v.asText());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
