package dev.ferry.audit.ledger;

import dev.ferry.contracts.PoisonRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * Stores one consumed batch in one transaction, and keeps a bad message from blocking its partition.
 *
 * <ul>
 *   <li>The whole batch (events and the poison records that replaced undecodable messages) goes into one
 *       transaction. When it commits, every message of the batch is accounted for in the ledger, and only then may
 *       the caller ack (and so commit offsets).</li>
 *   <li>A failure that says nothing about the data (connection lost, deadlock, database down) is retried with
 *       exponential backoff within {@link RetryPolicy}; when the attempts are spent, {@link LedgerUnavailable}
 *       propagates and nothing is acked.</li>
 *   <li>Data the database refuses ({@link LedgerRefusal}) splits the batch: each message is stored alone, and a
 *       message refused on its own becomes a poison record for its position (the reason names the SQLSTATE only).</li>
 * </ul>
 */
public final class BatchStore {

    private static final Logger LOG = Logger.getLogger(BatchStore.class);

    /** Writes events and poison records; called inside a transaction. Returns how many events were new. */
    @FunctionalInterface
    public interface Work<T> {
        int store(List<Decoded.Event<T>> events, List<PoisonRecord> poisons);
    }

    /**
     * What a batch left in the ledger.
     *
     * @param newEvents events stored for the first time (the rest were replays)
     * @param poisons every poison record stored for the batch, to be published by the caller
     */
    public record Result(int newEvents, List<PoisonRecord> poisons) {
    }

    /** Pauses between attempts; a parameter so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    /**
     * @param attempts attempts per unit of work, the first one included
     * @param initialBackoff pause before the second attempt, doubled before each further one
     * @param maxBackoff upper bound of one pause
     */
    public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
        public RetryPolicy {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be at least 1");
            }
        }
    }

    private final TransactionRunner transactions;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    public BatchStore(TransactionRunner transactions, RetryPolicy retry, Sleeper sleeper) {
        this.transactions = transactions;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    /**
     * Stores the batch. The poison records in the result are those that came in as {@link Decoded.Poison} and those
     * made from messages the ledger refused.
     */
    public <T> Result store(List<Decoded<T>> batch, PoisonMaker decoder, Work<T> work) {
        List<Decoded.Event<T>> events = new ArrayList<>();
        List<PoisonRecord> poisons = new ArrayList<>();
        split(batch, events, poisons);
        try {
            int newEvents = withRetry(() -> work.store(events, poisons));
            return new Result(newEvents, poisons);
        } catch (LedgerRefusal refusal) {
            LOG.warnf("the ledger refused a batch of %d messages (SQLSTATE %s); storing them one by one",
                    batch.size(), refusal.sqlState());
        }
        List<PoisonRecord> stored = new ArrayList<>();
        List<PoisonRecord> refusedAlone = new ArrayList<>();
        int newEvents = 0;
        for (Decoded<T> item : batch) {
            List<Decoded.Event<T>> oneEvent = new ArrayList<>(1);
            List<PoisonRecord> onePoison = new ArrayList<>(1);
            split(List.of(item), oneEvent, onePoison);
            try {
                newEvents += withRetry(() -> work.store(oneEvent, onePoison));
                stored.addAll(onePoison);
            } catch (LedgerRefusal refusal) {
                InboundPositionLog.refused(LOG, item.position(), refusal.sqlState());
                refusedAlone.add(decoder.poisonFor(item.position(),
                        "the audit ledger refused the message (SQLSTATE " + refusal.sqlState() + ")"));
            }
        }
        if (!refusedAlone.isEmpty()) {
            // Made here from positions and a fixed text: if the ledger refused these too, something other than the
            // data is wrong, and failing the batch (nothing acked) is the right answer.
            withRetry(() -> work.store(List.of(), refusedAlone));
            stored.addAll(refusedAlone);
        }
        return new Result(newEvents, stored);
    }

    private static <T> void split(List<Decoded<T>> batch, List<Decoded.Event<T>> events, List<PoisonRecord> poisons) {
        for (Decoded<T> item : batch) {
            if (item instanceof Decoded.Event<T> e) {
                events.add(e);
            } else if (item instanceof Decoded.Poison<T> p) {
                poisons.add(p.poison());
            }
        }
    }

    private int withRetry(IntSupplier work) {
        Duration pause = retry.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                int[] result = new int[1];
                transactions.inNewTransaction(() -> result[0] = work.getAsInt());
                return result[0];
            } catch (RuntimeException failure) {
                Optional<String> sqlState = FailureClassifier.sqlState(failure);
                if (sqlState.isPresent() && FailureClassifier.refusesData(sqlState.get())) {
                    throw new LedgerRefusal(sqlState.get());
                }
                // A database that is away is waited out however long it stays away: the batch stays unacked, its
                // offsets uncommitted, and the consumer carries on by itself once it answers (issue 8, hole 4).
                if (attempt >= retry.attempts() && !FailureClassifier.isOutage(failure)) {
                    throw new LedgerUnavailable("the ledger transaction failed " + attempt + " times (SQLSTATE "
                            + sqlState.orElse("none") + ")", failure);
                }
                LOG.warnf("ledger transaction failed (attempt %d of %d, SQLSTATE %s, %s); retrying in %d ms",
                        attempt, retry.attempts(), sqlState.orElse("none"), failure.getClass().getSimpleName(),
                        pause.toMillis());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new LedgerUnavailable("interrupted while waiting to retry the ledger transaction", failure);
                }
                pause = pause.multipliedBy(2);
                if (pause.compareTo(retry.maxBackoff()) > 0) {
                    pause = retry.maxBackoff();
                }
            }
        }
    }
}
