package dev.ferry.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression: issue 8 hole 5 — the audit turned an outcome PostgreSQL refuses (a NUL byte) into poison, so the record
 * never got its terminal outcome and reconciliation could not balance. The rule: NUL and unpaired surrogates become
 * U+FFFD, the detail says so, and the outcome is stored as its record's outcome.
 */
class LedgerTextTest {

    private static final Instant KAFKA_TIME = Instant.parse("2025-03-01T12:00:00.123Z");
    private static final Instant AT = Instant.parse("2025-03-01T11:00:00Z");

    @Test
    void nulAndUnpairedSurrogatesBecomeTheReplacementCharacterAndNothingElseChanges() {
        assertThat(LedgerText.clean("bad\u0000detail")).isEqualTo("bad\uFFFDdetail");
        assertThat(LedgerText.clean("\u0000\u0000")).isEqualTo("\uFFFD\uFFFD");
        assertThat(LedgerText.clean("high \uD83D alone")).isEqualTo("high \uFFFD alone");
        assertThat(LedgerText.clean("low \uDE00 alone")).isEqualTo("low \uFFFD alone");
        assertThat(LedgerText.clean("at the end \uD83D")).isEqualTo("at the end \uFFFD");
        assertThat(LedgerText.clean("reversed \uDE00\uD83D")).isEqualTo("reversed \uFFFD\uFFFD");
        // a valid pair is one character (😀), and everything else PostgreSQL stores stays as it is
        String fine = "Şule \uD83D\uDE00 \u0001\t\n İlkay ünlü";
        assertThat(LedgerText.clean(fine)).isSameAs(fine);
        assertThat(LedgerText.unstorable(fine)).isZero();
        assertThat(LedgerText.unstorable("a\u0000b\uD800c\uDC00")).isEqualTo(3);
        assertThat(LedgerText.clean((String) null)).isNull();
        assertThat(LedgerText.clean(Arrays.asList("ok", "n\u0000l"))).containsExactly("ok", "n\uFFFDl");
        assertThat(LedgerText.clean((List<String>) null)).isNull();
    }

    @Test
    void anOutcomeWithANulIsStoredCleanedAndItsDetailSaysWhatWasReplaced() {
        LoadOutcome withNul = new LoadOutcome("cmd-nul", "run-1", SourceResource.PATIENTS, "P-NUL", 0,
                FreshsalesTarget.CONTACT, OutcomeKind.FAILED, null, null, null, null,
                new TargetFailure(400, List.of("Email is invalid\u0000", "ok"), "target-refused"), "bad\u0000detail",
                2, AT);

        StorableOutcome.Result stored = StorableOutcome.of(withNul, KAFKA_TIME);

        LoadOutcome o = stored.outcome();
        assertThat(o.kind()).as("still the record's outcome").isEqualTo(OutcomeKind.FAILED);
        assertThat(o.sourceId()).isEqualTo("P-NUL");
        assertThat(o.commandId()).isEqualTo("cmd-nul");
        assertThat(o.attempt()).isEqualTo(2);
        assertThat(o.failure().messages()).containsExactly("Email is invalid\uFFFD", "ok");
        assertThat(o.failure().httpStatus()).isEqualTo(400);
        assertThat(o.detail()).startsWith("bad\uFFFDdetail [audit: replaced 2 characters PostgreSQL cannot store")
                .contains("with U+FFFD in failure.messages, detail]");
        assertThat(stored.cleanedFields()).containsExactly("failure.messages", "detail");
        assertThat(stored.occurredAt()).isEqualTo(AT);
        for (String text : List.of(o.detail(), o.failure().messages().get(0))) {
            assertThat(LedgerText.unstorable(text)).isZero();
        }
        // the same message again gives the same row: replays still collapse onto it
        assertThat(StorableOutcome.of(withNul, KAFKA_TIME.plusSeconds(5)).outcome()).isEqualTo(o);
    }

    @Test
    void everyTextFieldIsCleanedAndADetailIsWrittenWhenThereWasNone() {
        LoadOutcome rejected = new LoadOutcome("cmd\u0000", "run\u0000", SourceResource.PATIENTS, "P\uD800", 0, null,
                OutcomeKind.REJECTED, null, List.of("email\u0000"), null,
                new Rejection("email\u0000invalid", "e\u0000mail", "not \u0000valid"), null, null, 0, AT);

        LoadOutcome o = StorableOutcome.of(rejected, KAFKA_TIME).outcome();

        assertThat(List.of(o.commandId(), o.runId(), o.sourceId(), o.changedFields().get(0), o.rejection().rule(),
                o.rejection().field(), o.rejection().message()))
                .allSatisfy(text -> assertThat(LedgerText.unstorable(text)).isZero())
                .allSatisfy(text -> assertThat(text).contains("\uFFFD"));
        assertThat(o.detail()).isEqualTo("audit: replaced 7 characters PostgreSQL cannot store (NUL, unpaired "
                + "surrogate) with U+FFFD in commandId, runId, sourceId, changedFields, rejection.rule, "
                + "rejection.field, rejection.message");
    }

    @Test
    void aTimePostgreSQLCannotStoreIsReplacedByTheKafkaTimestampAndSaidSo() {
        LoadOutcome farFuture = new LoadOutcome("cmd-1", "run-1", SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.CREATED, 7L, null, null, null, null, "written", 1,
                Instant.parse("+300000-01-01T00:00:00Z"));

        StorableOutcome.Result stored = StorableOutcome.of(farFuture, KAFKA_TIME);

        assertThat(stored.occurredAt()).isEqualTo(KAFKA_TIME);
        assertThat(stored.outcome().detail()).isEqualTo("written [audit: occurredAt outside the years 0001-9999, "
                + "the Kafka timestamp is used]");
    }

    @Test
    void aStorableOutcomeIsStoredAsItCame() {
        LoadOutcome fine = new LoadOutcome("cmd-1", "run-1", SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, OutcomeKind.CREATED, 7L, null, null, null, null, "Şube açıldı", 1, AT);

        StorableOutcome.Result stored = StorableOutcome.of(fine, KAFKA_TIME);

        assertThat(stored.outcome()).isSameAs(fine);
        assertThat(stored.cleanedFields()).isEmpty();
    }

    @Test
    void jsonEscapesOfANulAndAnUnpairedSurrogateDecodeAndAreStoredCleaned() {
        // What a producer may put on the topic: valid UTF-8 JSON whose escapes decode to what PostgreSQL refuses.
        String json = "{\"commandId\":\"cmd-sur\",\"runId\":\"run-1\",\"resource\":\"patients\","
                + "\"sourceId\":\"P-SUR\",\"part\":0,\"target\":\"contacts\",\"kind\":\"FAILED\","
                + "\"failure\":{\"httpStatus\":400,\"messages\":[\"Email\\u0000 is invalid\"],"
                + "\"cause\":\"target-refused\"},\"detail\":\"refused \\ud800 by Freshsales\",\"attempt\":1}";

        LoadOutcome decoded = dev.ferry.contracts.FerryJson.decode(json, LoadOutcome.class);
        assertThat(LedgerText.unstorable(decoded.detail())).isEqualTo(1);
        LoadOutcome o = StorableOutcome.of(decoded, KAFKA_TIME).outcome();

        assertThat(o.failure().messages()).containsExactly("Email\uFFFD is invalid");
        assertThat(o.detail()).isEqualTo("refused \uFFFD by Freshsales [audit: replaced 2 characters PostgreSQL "
                + "cannot store (NUL, unpaired surrogate) with U+FFFD in failure.messages, detail]");
        assertThat(StorableOutcome.of(decoded, KAFKA_TIME).occurredAt()).as("no time: the Kafka timestamp")
                .isEqualTo(KAFKA_TIME);
    }
}
