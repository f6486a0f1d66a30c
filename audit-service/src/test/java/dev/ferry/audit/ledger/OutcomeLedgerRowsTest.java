package dev.ferry.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeLedgerRowsTest {

    private static final Instant KAFKA_TIME = Instant.parse("2025-03-01T12:00:00.123Z");

    private static Decoded.Event<LoadOutcome> event(OutcomeKind kind, int attempt, Instant at, long offset) {
        LoadOutcome o = new LoadOutcome("cmd-1", "run-1", SourceResource.CLINICS, "C-1", 0,
                FreshsalesTarget.SALES_ACCOUNT, kind, 7L, null, null, null, null, null, attempt, at);
        return new Decoded.Event<>(o, new InboundPosition("freshsales.outcomes", 0, offset, "C-1", 100, KAFKA_TIME));
    }

    @Test
    void theFirstCopyOfAnIdempotencyKeyInABatchIsTheOneStored() {
        Instant first = Instant.parse("2025-03-01T11:00:00Z");
        List<OutcomeLedger.Row> rows = OutcomeLedger.distinctRows(List.of(
                event(OutcomeKind.CREATED, 1, first, 1),
                event(OutcomeKind.CREATED, 1, first.plusSeconds(30), 2),
                event(OutcomeKind.CREATED, 2, first.plusSeconds(60), 3),
                event(OutcomeKind.DEFERRED, 0, first.minusSeconds(60), 4)));

        assertThat(rows).extracting(r -> r.position().offset()).containsExactlyInAnyOrder(1L, 3L, 4L);
        assertThat(rows).filteredOn(r -> r.position().offset() == 1L).singleElement()
                .satisfies(r -> assertThat(r.occurredAt()).isEqualTo(first));
        assertThat(rows).extracting(OutcomeLedger.Row::idempotencyKey).isSorted();
    }

    @Test
    void aMissingOccurredAtFallsBackToTheKafkaTimestamp() {
        OutcomeLedger.Row row = OutcomeLedger.normalise(event(OutcomeKind.CREATED, 1, null, 1));

        assertThat(row.occurredAt()).isEqualTo(KAFKA_TIME);
    }

    @Test
    void occurredAtIsTruncatedToMicroseconds() {
        OutcomeLedger.Row row = OutcomeLedger.normalise(
                event(OutcomeKind.CREATED, 1, Instant.parse("2025-03-01T11:00:00.000000999Z"), 1));

        assertThat(row.occurredAt()).isEqualTo(Instant.parse("2025-03-01T11:00:00Z"));
    }
}
