package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Following a run on the audit service ({@code GET /runs/{id}/reconciliation}) until it balances: what
 * {@code ferry sample}, {@code ferry delta} and the demo wait for, and the progress its numbers give.
 */
public final class AwaitRun {

    private AwaitRun() {
    }

    /** Every published record has exactly one terminal outcome and the extraction is over. */
    public static boolean balanced(JsonNode reconciliation) {
        return reconciliation != null && reconciliation.path("balanced").asBoolean(false)
                && reconciliation.path("extractionFinished").asBoolean(false);
    }

    /** The run's reconciliation; null while the audit service has not heard of the run (404), not an error then. */
    public static JsonNode reconciliationOrNull(JsonHttp http, String auditBase, String runId) {
        try {
            return http.get(auditBase + RunPaths.runPath(runId) + "/reconciliation");
        } catch (JsonHttp.Refused e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Polls the reconciliation until the run balances or {@code timeout} runs out; {@code seen} gets each one read
     * (null while the audit has not heard of the run).
     */
    public static Poll.Outcome<JsonNode> untilBalanced(JsonHttp http, String auditBase, String runId,
            Duration timeout, Duration every, Consumer<JsonNode> seen) {
        return Poll.until(() -> reconciliationOrNull(http, auditBase, runId), seen, AwaitRun::balanced,
                Poll.after(timeout), every);
    }

    /** Records the extractor published so far (the manifests received): the progress bar's total. */
    public static long expected(JsonNode reconciliation) {
        long total = 0;
        for (JsonNode r : reconciliation.path("resources")) {
            total += r.path("manifestCount").asLong(0);
        }
        return total;
    }

    /** Records with a terminal outcome, at most their resource's manifest each: the progress bar's position. */
    public static long accounted(JsonNode reconciliation) {
        long done = 0;
        for (JsonNode r : reconciliation.path("resources")) {
            long manifest = r.path("manifestCount").asLong(0);
            long terminal = r.hasNonNull("unaccounted") ? manifest - r.path("unaccounted").asLong(0)
                    : r.path("terminal").asLong(0);
            done += Math.max(0, Math.min(manifest, terminal));
        }
        return done;
    }
}
