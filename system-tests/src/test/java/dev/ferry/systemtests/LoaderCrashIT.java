package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.FreshsalesUsers;
import dev.ferry.cli.migration.JsonHttp;
import dev.ferry.cli.stack.Component;
import dev.ferry.launcher.ChildJvm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two loader replicas share the work; one is killed with SIGKILL while a bulk job it submitted is still running, then
 * started again. Nothing may be lost or duplicated, and both replicas must have written.
 */
class LoaderCrashIT {

    @Test
    void sigkillMidBulkJobLosesAndDuplicatesNothing() throws Exception {
        ObjectNode freshsales = E2eStack.freshsalesSettings();
        // Slow bulk jobs (about 4 s per 100 items) so the kill lands while a job is running.
        freshsales.put("bulkJobItemDelayMs", 40);
        try (E2eStack e2e = E2eStack.start("loader-crash", 100, 23, freshsales, Map.of())) {
            ExpectedMigration expected = new ExpectedMigration(e2e.dataset,
                    FreshsalesUsers.forDataset(e2e.dataset.folder));
            ChildJvm second = e2e.stack.startReplica(Component.LOADER, 1);
            String runId = e2e.driver.startFullRun(FreshsalesAssertions.resources());

            awaitBulkSubmission(e2e, "contacts");
            ChildJvm first = e2e.stack.process(Component.LOADER);
            long secondWritesBefore = writes(e2e, second);
            first.kill();
            assertThat(first.isAlive()).isFalse();
            e2e.stack.restart(Component.LOADER);

            FreshsalesAssertions.runAndExpectNoLossNoDuplicate(e2e, expected, runId);
            assertThat(writes(e2e, second) + secondWritesBefore).as("the second replica wrote too").isPositive();
            JsonNode restarted = statusOf(e2e, e2e.stack.process(Component.LOADER));
            assertThat(restarted.path("consumer").path("alive").asBoolean()).as("the restarted replica consumes: " + restarted)
                    .isTrue();
            assertThat(restarted.path("ledger").path("INTENT").asLong(0)).as("no write left in doubt").isZero();
        }
    }

    /** Waits until a bulk upsert has been submitted for the module. */
    static void awaitBulkSubmission(E2eStack e2e, String module) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode ep = e2e.driver.requestSummary().path("byEndpoint")
                    .path("POST /crm/sales/api/" + module + "/bulk_upsert");
            if (ep.path("total").asLong() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + module + " bulk job was ever submitted");
    }

    /** Commands a loader process has written (its /status), 0 if it cannot tell. */
    static long writes(E2eStack e2e, ChildJvm loader) {
        return statusOf(e2e, loader).path("writer").path("commands").asLong(0);
    }

    static JsonNode statusOf(E2eStack e2e, ChildJvm loader) {
        String port = loader.systemProperty("quarkus.http.port");
        return new JsonHttp(e2e.stack.auth().cliToken()).get("http://127.0.0.1:" + port + "/status");
    }
}
