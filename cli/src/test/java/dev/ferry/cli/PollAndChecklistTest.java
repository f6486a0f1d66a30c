package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.ChecklistAdmin;
import dev.ferry.cli.migration.Poll;
import dev.ferry.cli.migration.RunPaths;
import dev.ferry.contracts.FerryJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one polling loop's three endings, the run path's encoding, and the demo's stand-in for the Freshsales admin. */
class PollAndChecklistTest {

    @Test
    void pollShowsEveryValueAndEndsDoneGivenUpOrInterrupted() {
        AtomicInteger reads = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        Poll.Outcome<Integer> done = Poll.until(reads::incrementAndGet, seen::add, v -> v == 3, v -> false,
                Duration.ofMillis(1));
        assertThat(done.end()).isEqualTo(Poll.End.DONE);
        assertThat(done.last()).isEqualTo(3);
        assertThat(seen).containsExactly(1, 2, 3);

        Poll.Outcome<Integer> gaveUp = Poll.until(() -> 7, v -> { }, v -> false, Poll.after(Duration.ZERO),
                Duration.ofMillis(1));
        assertThat(gaveUp.end()).isEqualTo(Poll.End.GAVE_UP);
        assertThat(gaveUp.last()).isEqualTo(7);

        Thread.currentThread().interrupt();
        Poll.Outcome<Integer> interrupted = Poll.until(() -> 1, v -> { }, v -> false, v -> false,
                Duration.ofSeconds(30));
        assertThat(interrupted.end()).isEqualTo(Poll.End.INTERRUPTED);
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void aRunIdIsEncodedAsOnePathSegment() {
        assertThat(RunPaths.runPath("run 1/ä+b")).isEqualTo("/runs/run%201%2F%C3%A4%2Bb");
    }

    @Test
    void theAdminCreatesMissingFieldsAndAddsMissingValuesButLeavesTypesAlone() throws Exception {
        JsonNode missing = FerryJson.mapper().readTree("""
                {"module": "deals", "name": "cf_fee", "label": "Fee", "type": "currency", "choices": [],
                 "status": "MISSING"}""");
        JsonNode choices = FerryJson.mapper().readTree("""
                {"module": "contacts", "name": "cf_language", "label": "Language", "type": "dropdown",
                 "choices": ["tr"], "status": "CHOICES_MISSING"}""");
        JsonNode existing = FerryJson.mapper().readTree("""
                [{"name": "cf_language", "type": "dropdown", "choices": [{"value": "de"}, {"value": "en"}]},
                 {"name": "cf_other", "type": "text", "choices": [{"value": "x"}]}]""");

        assertThat(ChecklistAdmin.acts(missing)).isTrue();
        assertThat(ChecklistAdmin.field(missing, FerryJson.mapper().createArrayNode()).toString())
                .isEqualTo("{\"label\":\"Fee\",\"type\":\"number\",\"default\":false,\"choices\":[]}");
        assertThat(ChecklistAdmin.field(choices, existing).path("choices").findValuesAsText("value"))
                .containsExactly("de", "en", "tr");
        assertThat(ChecklistAdmin.acts(FerryJson.mapper().readTree("{\"status\": \"PRESENT\"}"))).isFalse();
        assertThat(ChecklistAdmin.acts(FerryJson.mapper().readTree("{\"status\": \"TYPE_DIFFERS\"}"))).isFalse();
    }
}
