package dev.ferry.audit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.audit.messaging.EventDecoder;
import dev.ferry.contracts.PoisonRecord;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchStoreTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final EventDecoder<String> DECODER = new EventDecoder<>(String.class, "audit-service/test",
            s -> Optional.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

    /** A pretend ledger: rows of a committed transaction are kept, rows of a failed one are thrown away. */
    private final List<String> committed = new ArrayList<>();
    private final List<PoisonRecord> committedPoison = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private int transactions;

    private BatchStore store(int attempts) {
        return new BatchStore(work -> {
            transactions++;
            int rowsBefore = committed.size();
            int poisonBefore = committedPoison.size();
            try {
                work.run();
            } catch (RuntimeException e) {
                committed.subList(rowsBefore, committed.size()).clear();
                committedPoison.subList(poisonBefore, committedPoison.size()).clear();
                throw e;
            }
        }, new BatchStore.RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofMillis(250)), pauses::add);
    }

    private static Decoded<String> event(String value, long offset) {
        return new Decoded.Event<>(value, position(offset));
    }

    private static InboundPosition position(long offset) {
        return new InboundPosition("freshsales.outcomes", 0, offset, "k" + offset, 10, NOW);
    }

    private static RuntimeException sqlFailure(String state) {
        return new RuntimeException("wrapped", new SQLException("db says no", state));
    }

    private BatchStore.Work<String> ledgerRefusing(String badValue) {
        return (events, poisons) -> {
            for (Decoded.Event<String> e : events) {
                if (e.value().equals(badValue)) {
                    throw sqlFailure("22021");
                }
                committed.add(e.value());
            }
            committedPoison.addAll(poisons);
            return events.size();
        };
    }

    @Test
    void aHealthyBatchIsOneTransaction() {
        Decoded<String> undecodable = DECODER.poison(position(3), "not well-formed JSON");

        BatchStore.Result result = store(3).store(List.of(event("a", 1), event("b", 2), undecodable), DECODER,
                ledgerRefusing("none"));

        assertThat(transactions).isEqualTo(1);
        assertThat(committed).containsExactly("a", "b");
        assertThat(result.newEvents()).isEqualTo(2);
        assertThat(result.poisons()).hasSize(1);
        assertThat(committedPoison).extracting(PoisonRecord::offset).containsExactly(3L);
    }

    @Test
    void dataTheLedgerRefusesSplitsTheBatchAndOnlyTheRefusedMessageBecomesPoison() {
        BatchStore.Result result = store(3).store(List.of(event("a", 1), event("bad", 2), event("c", 3)), DECODER,
                ledgerRefusing("bad"));

        assertThat(committed).containsExactly("a", "c");
        assertThat(result.newEvents()).isEqualTo(2);
        assertThat(result.poisons()).singleElement().satisfies(p -> {
            assertThat(p.offset()).isEqualTo(2L);
            assertThat(p.consumer()).isEqualTo("audit-service/test");
            assertThat(p.reason()).contains("SQLSTATE 22021").doesNotContain("db says no");
        });
        assertThat(committedPoison).isEqualTo(result.poisons());
        assertThat(pauses).as("a refusal is not retried").isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedWithGrowingPausesThenSucceeds() {
        int[] calls = new int[1];
        BatchStore.Result result = store(5).store(List.of(event("a", 1)), DECODER, (events, poisons) -> {
            if (++calls[0] < 4) {
                throw sqlFailure("08006");
            }
            committed.add(events.get(0).value());
            return 1;
        });

        assertThat(committed).containsExactly("a");
        assertThat(result.newEvents()).isEqualTo(1);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void whenRetriesAreSpentTheBatchFailsAndNothingIsStoredOrTurnedIntoPoison() {
        BatchStore store = store(3);
        List<Decoded<String>> batch = List.of(event("a", 1), event("b", 2));

        assertThatThrownBy(() -> store.store(batch, DECODER, (events, poisons) -> {
            committed.add("a");
            throw sqlFailure("40P01");
        })).isInstanceOf(LedgerUnavailable.class).hasMessageContaining("40P01");

        assertThat(committed).isEmpty();
        assertThat(committedPoison).isEmpty();
        assertThat(transactions).isEqualTo(3);
    }

    @Test
    void aMissingTableIsNotTheMessagesFault() {
        // Regression guard: SQLSTATE 42P01 (undefined table) must never turn good messages into poison.
        assertThatThrownBy(() -> store(2).store(List.of(event("a", 1)), DECODER, (events, poisons) -> {
            throw sqlFailure("42P01");
        })).isInstanceOf(LedgerUnavailable.class);
        assertThat(committedPoison).isEmpty();
    }

    @Test
    void failuresWithoutSqlStateAreTreatedAsUnavailable() {
        assertThatThrownBy(() -> store(2).store(List.of(event("a", 1)), DECODER, (events, poisons) -> {
            throw new IllegalStateException("transaction manager down");
        })).isInstanceOf(LedgerUnavailable.class).hasMessageContaining("none");
    }

    /**
     * Regression, issue 8 hole 4: a database outage longer than the retries failed the batch, and the channel's fail
     * strategy stopped the consumer for good. Now it is waited out, and the batch is stored when the database is back.
     */
    @Test
    void aDatabaseOutageIsWaitedOutHoweverLongItLasts() {
        int[] calls = new int[1];
        store(3).store(List.of(event("a", 1)), DECODER, (events, poisons) -> {
            if (++calls[0] <= 40) {
                throw sqlFailure(calls[0] % 2 == 0 ? "08006" : "57P01");
            }
            committed.add(events.get(0).value());
            return 1;
        });

        assertThat(committed).containsExactly("a");
        assertThat(pauses).hasSize(40).allSatisfy(p -> assertThat(p).isLessThanOrEqualTo(Duration.ofMillis(250)));
    }
}
