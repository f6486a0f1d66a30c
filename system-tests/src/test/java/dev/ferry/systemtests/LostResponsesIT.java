package dev.ferry.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.cli.migration.FreshsalesUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Freshsales sandbox commits a fifth of the writes and then drops the connection without answering: the loader
 * cannot know whether its write landed. It must find out (write-ahead intent, then a lookup) rather than write again.
 */
class LostResponsesIT {

    @Test
    void responsesLostAfterCommitLoseAndDuplicateNothing() throws Exception {
        ObjectNode freshsales = E2eStack.freshsalesSettings();
        freshsales.putObject("faults").put("dropResponseAfterCommitRate", 0.2).put("seed", 5);
        try (E2eStack e2e = E2eStack.start("lost-responses", 100, 31, freshsales, Map.of())) {
            ExpectedMigration expected = new ExpectedMigration(e2e.dataset,
                    FreshsalesUsers.forDataset(e2e.dataset.folder));
            String runId = e2e.driver.startFullRun(FreshsalesAssertions.resources());

            FreshsalesAssertions.runAndExpectNoLossNoDuplicate(e2e, expected, runId);
            JsonNode summary = e2e.driver.requestSummary();
            assertThat(summary.path("faults").path("dropped").asLong()).as("responses were really dropped").isPositive();
        }
    }
}
