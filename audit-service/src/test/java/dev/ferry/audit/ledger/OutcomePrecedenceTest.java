package dev.ferry.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutcomePrecedenceTest {

    private static final RecordKey KEY = new RecordKey("run-1", "patients", "P-1");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private static StateCandidate c(OutcomeKind kind, Instant at, int attempt, String commandId) {
        return new StateCandidate(KEY, commandId, kind, attempt, at, null);
    }

    @Test
    void aLateDeferredNeverOverridesATerminalOutcome() {
        StateCandidate created = c(OutcomeKind.CREATED, T0, 1, "cmd-a");
        StateCandidate lateDeferred = c(OutcomeKind.DEFERRED, T0.plusSeconds(3600), 0, "cmd-a");

        assertThat(OutcomePrecedence.winner(created, lateDeferred)).isSameAs(created);
        assertThat(OutcomePrecedence.winner(lateDeferred, created)).isSameAs(created);
    }

    @Test
    void terminalBeatsDeferredEvenWhenTheTerminalOneIsOlder() {
        // Clock skew between mapper and loader must not leave a finished record looking open.
        StateCandidate failed = c(OutcomeKind.FAILED, T0.minusSeconds(5), 3, "cmd-a");
        StateCandidate deferred = c(OutcomeKind.DEFERRED, T0, 0, "cmd-a");

        assertThat(OutcomePrecedence.winner(deferred, failed)).isSameAs(failed);
    }

    @Test
    void amongTerminalOutcomesTheLatestWins() {
        StateCandidate failed = c(OutcomeKind.FAILED, T0, 1, "cmd-a");
        StateCandidate created = c(OutcomeKind.CREATED, T0.plusMillis(1), 2, "cmd-a");
        StateCandidate unchanged = c(OutcomeKind.UNCHANGED, T0.plusMillis(2), 1, "cmd-a");

        assertThat(OutcomePrecedence.winner(failed, created)).isSameAs(created);
        assertThat(OutcomePrecedence.winner(created, unchanged)).isSameAs(unchanged);
        assertThat(OutcomePrecedence.winner(unchanged, failed)).isSameAs(unchanged);
    }

    @Test
    void amongDeferredOutcomesTheLatestWins() {
        StateCandidate first = c(OutcomeKind.DEFERRED, T0, 0, "cmd-a");
        StateCandidate second = c(OutcomeKind.DEFERRED, T0.plusSeconds(1), 1, "cmd-a");

        assertThat(OutcomePrecedence.winner(second, first)).isSameAs(second);
    }

    @Test
    void equalTimesAreBrokenByAttemptThenKindRankThenCommandId() {
        StateCandidate attempt1 = c(OutcomeKind.CREATED, T0, 1, "cmd-a");
        StateCandidate attempt2 = c(OutcomeKind.FAILED, T0, 2, "cmd-a");
        assertThat(OutcomePrecedence.winner(attempt2, attempt1)).isSameAs(attempt2);

        StateCandidate failed = c(OutcomeKind.FAILED, T0, 1, "cmd-a");
        StateCandidate created = c(OutcomeKind.CREATED, T0, 1, "cmd-a");
        assertThat(OutcomePrecedence.winner(created, failed)).as("an effect on the target beats a refusal")
                .isSameAs(created);
        assertThat(OutcomePrecedence.winner(failed, created)).isSameAs(created);

        StateCandidate a = c(OutcomeKind.CREATED, T0, 1, "cmd-a");
        StateCandidate b = c(OutcomeKind.CREATED, T0, 1, "cmd-b");
        assertThat(OutcomePrecedence.winner(a, b)).isSameAs(b);
        assertThat(OutcomePrecedence.winner(b, a)).isSameAs(b);
    }

    @Test
    void everyKindHasARankAndRanksAreDistinct() {
        assertThat(java.util.Arrays.stream(OutcomeKind.values()).map(OutcomePrecedence::kindRank).distinct().count())
                .isEqualTo(OutcomeKind.values().length);
        assertThat(OutcomePrecedence.kindRank(OutcomeKind.DEFERRED)).isZero();
    }

    @Test
    void theStateIsTheSameWhateverOrderAndHowOftenTheOutcomesArrive() {
        List<StateCandidate> outcomes = List.of(
                c(OutcomeKind.DEFERRED, T0, 0, "cmd-a"),
                c(OutcomeKind.DEFERRED, T0.plusSeconds(10), 0, "cmd-b"),
                c(OutcomeKind.FAILED, T0.plusSeconds(5), 3, "cmd-a"),
                c(OutcomeKind.CREATED, T0.plusSeconds(5), 3, "cmd-a"),
                c(OutcomeKind.UNCHANGED, T0.plusSeconds(4), 4, "cmd-a"),
                c(OutcomeKind.DEFERRED, T0.plusSeconds(99), 9, "cmd-c"));
        StateCandidate expected = c(OutcomeKind.CREATED, T0.plusSeconds(5), 3, "cmd-a");
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<StateCandidate> delivery = new ArrayList<>(outcomes);
            // replays: some outcomes delivered again
            for (int i = 0; i < random.nextInt(4); i++) {
                delivery.add(outcomes.get(random.nextInt(outcomes.size())));
            }
            Collections.shuffle(delivery, random);
            StateCandidate state = null;
            for (StateCandidate o : delivery) {
                state = OutcomePrecedence.winner(state, o);
            }
            assertThat(state).isEqualTo(expected);
        }
    }

    @Test
    void commandIdsCompareByCodePointLikeTheCollationC() {
        // U+FF21 (fullwidth A) is one UTF-16 unit above the surrogates; U+1F600 needs two units starting at U+D83D.
        // UTF-16 order puts the emoji first; code-point (and UTF-8 byte, "C" collation) order puts it last.
        String fullwidth = "\uFF21";
        String emoji = new String(Character.toChars(0x1F600));
        assertThat(fullwidth.compareTo(emoji)).isPositive();
        assertThat(OutcomePrecedence.compareCodePoints(fullwidth, emoji)).isNegative();
        assertThat(OutcomePrecedence.compareCodePoints("abc", "abcd")).isNegative();
        assertThat(OutcomePrecedence.compareCodePoints("abc", "abc")).isZero();
    }

    @Test
    void timesAreComparedAtTheLedgersMicrosecondPrecision() {
        // Regression: nanosecond-distinct times equal in PostgreSQL must compare equal here too, or Java and SQL
        // could pick different winners for the same pair.
        Instant a = Instant.parse("2025-03-01T10:00:00.123456100Z");
        Instant b = Instant.parse("2025-03-01T10:00:00.123456900Z");
        assertThat(OutcomePrecedence.ledgerPrecision(a)).isEqualTo(OutcomePrecedence.ledgerPrecision(b))
                .isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
    }
}
