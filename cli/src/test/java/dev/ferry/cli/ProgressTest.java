package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.migration.AwaitRun;
import dev.ferry.cli.progress.Eta;
import dev.ferry.cli.progress.Progress;
import dev.ferry.contracts.FerryJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The progress bar's ETA arithmetic, its totals from the reconciliation, and when it is drawn at all. */
class ProgressTest {

    private static final long S = 1_000_000_000L;

    @Test
    void theEtaIsWhatIsLeftAtTheRateObservedSinceTheFirstLook() {
        // 50 of 100 in 10 s: 5 a second, 50 left.
        assertThat(Eta.remaining(0, 0, 50, 10 * S, 100)).contains(Duration.ofSeconds(10));
        // Followed again part way: the 20 done before the first look are not this command's rate. 40 in 20 s, 40 left.
        assertThat(Eta.remaining(20, 5 * S, 60, 25 * S, 100)).contains(Duration.ofSeconds(20));
        // Slow: 1 in a minute, 3 left.
        assertThat(Eta.remaining(0, 0, 1, 60 * S, 4)).contains(Duration.ofMinutes(3));
    }

    @Test
    void noEtaBeforeAnythingMovedAndZeroOnceAllIsDone() {
        assertThat(Eta.remaining(10, 0, 10, 30 * S, 100)).isEmpty();
        assertThat(Eta.remaining(0, 0, 0, 0, 100)).isEmpty();
        assertThat(Eta.remaining(0, 0, 5, 10 * S, 0)).isEmpty();
        assertThat(Eta.remaining(0, 0, 100, 10 * S, 100)).contains(Duration.ZERO);
        Eta eta = new Eta();
        assertThat(eta.remaining()).isEmpty();
        eta.observe(10, 40, 0);
        assertThat(eta.remaining()).isEmpty();
        eta.observe(20, 40, 4 * S);
        assertThat(eta.remaining()).contains(Duration.ofSeconds(8));
    }

    @Test
    void aBarIsDrawnAtATerminalOrWhenAskedForAndNeverForAScript() {
        assertThat(Progress.wanted(false, false)).isFalse();
        assertThat(Progress.wanted(true, false)).isTrue();
        assertThat(Progress.wanted(false, true)).isTrue();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Progress none = Progress.open("sample run-1", false, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            none.update(5, 10);
            none.update(10, 10);
            assertThat(none.shown()).isFalse();
        }
        assertThat(err.size()).as("nothing on standard error without a terminal or --progress").isZero();

        try (Progress bar = Progress.open("sample run-1", true, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            bar.update(0, 0); // no total yet: nothing to draw
            bar.update(5, 10);
            assertThat(bar.shown()).isTrue();
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sample run-1").contains("5/10");
    }

    @Test
    void theTotalsAreTheManifestsAndTheRecordsWithATerminalOutcome() throws Exception {
        JsonNode rec = FerryJson.mapper().readTree("""
                {"balanced": false, "resources": [
                  {"resource": "patients", "manifestCount": 10, "terminal": 7, "unaccounted": 3},
                  {"resource": "clinics", "manifestCount": 2, "terminal": 3, "unaccounted": 0, "surplus": 1},
                  {"resource": "recalls", "manifestCount": null, "terminal": 4, "unaccounted": null}]}""");
        assertThat(AwaitRun.expected(rec)).isEqualTo(12);
        // A surplus does not push the bar past its total; a resource without a manifest has nothing to count against.
        assertThat(AwaitRun.accounted(rec)).isEqualTo(9);
        assertThat(AwaitRun.balanced(rec)).isFalse();
    }
}
