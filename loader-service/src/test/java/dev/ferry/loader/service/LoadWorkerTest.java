package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.client.CallGuard;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.it.TestCommands;
import dev.ferry.loader.messaging.OffsetTracker;
import dev.ferry.loader.store.StoreException;
import dev.ferry.testsupport.ManualClock;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The writer's answer to failures: infrastructure trouble is waited out, a bug ends the command after its tries. */
class LoadWorkerTest {

    private static final TopicPartition TP = new TopicPartition("freshsales.commands", 0);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final OffsetTracker tracker = new OffsetTracker();
    private final List<WorkItem> failedForGood = new ArrayList<>();

    /** A processor that throws {@code failure} for its first {@code failures} calls, then succeeds. */
    private static final class FlakyProcessor extends CommandProcessor {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final RuntimeException failure;

        FlakyProcessor(int failures, RuntimeException failure) {
            super(null, null, null, null, null, null, null, "test", "freshsales.outcomes", Duration.ofDays(1),
                    Duration.ofSeconds(30), o -> { }, null);
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public void process(List<WorkItem> batch) {
            if (calls.incrementAndGet() <= failures) {
                throw failure;
            }
        }
    }

    private LoadWorker worker(CommandProcessor processor) {
        BatchAccumulator<WorkItem> accumulator = new BatchAccumulator<>(10, Duration.ofMillis(1), clock,
                WorkItem::group, i -> 1);
        return new LoadWorker(accumulator, processor, tracker, failedForGood::add, clock::sleep);
    }

    private List<WorkItem> batch() {
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LoadCommand c = TestCommands.patient("run-w", "P-W" + i, null, false);
            tracker.received(TP, i);
            items.add(new WorkItem(c, new WorkItem.FromKafka(TP, i)));
        }
        return items;
    }

    /**
     * Regression, issue 8 hole 1: a PostgreSQL outage longer than the writer's six tries (about 14 s) used to end every
     * command of the batch FAILED loader-error, clearing write-ahead intents whose writes may have landed.
     */
    @Test
    void aDatabaseOutageOfAnyLengthIsWaitedOutAndEndsNoCommand() throws Exception {
        RuntimeException dbAway = new StoreException("a loader database transaction failed",
                new SQLTransientConnectionException("Connection refused", "08001"));
        FlakyProcessor processor = new FlakyProcessor(40, dbAway);
        LoadWorker w = worker(processor);

        w.processWithRetries(batch());

        assertThat(failedForGood).isEmpty();
        assertThat(processor.calls.get()).isEqualTo(41);
        assertThat(tracker.committable()).containsEntry(TP, 2L);
        assertThat(clock.sleeps()).hasSize(40).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(w.waitingSince()).as("settled again").isNull();
    }

    @Test
    void freshsalesAndKafkaGivingNoAnswerAreWaitedOutToo() throws Exception {
        for (RuntimeException away : List.of(new FreshsalesException.NoAnswer("GET /contacts/lookup", 503, "503"),
                new OutboxPublisher.Unacknowledged("Kafka did not acknowledge (TimeoutException)"))) {
            failedForGood.clear();
            FlakyProcessor processor = new FlakyProcessor(12, away);
            worker(processor).processWithRetries(batch());
            assertThat(failedForGood).as(away.getClass().getSimpleName()).isEmpty();
            assertThat(processor.calls.get()).isEqualTo(13);
        }
    }

    @Test
    void aBugStillEndsTheCommandAfterItsTriesSoItCannotHoldThePartition() throws Exception {
        FlakyProcessor processor = new FlakyProcessor(Integer.MAX_VALUE, new IllegalStateException("a bug"));
        worker(processor).processWithRetries(batch());

        // Three tries as a batch, three for each item alone, then each item is failed for good.
        assertThat(processor.calls.get()).isEqualTo(3 + 3 + 3);
        assertThat(failedForGood).hasSize(2);
    }

    /**
     * A processor that behaves as the Freshsales client does once a call's budget is granted: it asks the call guard
     * first. On its first call a rebalance takes {@code revoked} away during the budget wait.
     */
    private final class RebalancedDuringBudgetWait extends CommandProcessor {
        final List<List<WorkItem>> written = new ArrayList<>();
        final List<Integer> calls = new ArrayList<>();
        final TopicPartition revoked;

        RebalancedDuringBudgetWait(TopicPartition revoked) {
            super(null, null, null, null, null, null, null, "test", "freshsales.outcomes", Duration.ofDays(1),
                    Duration.ofSeconds(30), o -> { }, null);
            this.revoked = revoked;
        }

        @Override
        public void process(List<WorkItem> batch) {
            calls.add(batch.size());
            if (calls.size() == 1) {
                tracker.revoking(List.of(revoked));
            }
            CallGuard.check("POST /contacts/bulk_upsert");
            written.add(batch);
        }
    }

    /**
     * Regression, issue 8 hole 3: a rebalance waited at most 30 s for the batch in flight, then handed its partitions
     * over while the writer sat in a budget wait; both replicas then wrote the same records and doubled their outcomes.
     * Now the writer lets go of every record a rebalance takes away before it sends anything for it.
     */
    @Test
    void aBatchWhosePartitionIsTakenAwayDuringItsBudgetWaitIsNeverWritten() throws Exception {
        RebalancedDuringBudgetWait processor = new RebalancedDuringBudgetWait(TP);
        worker(processor).processWithRetries(batch());

        assertThat(processor.written).as("nothing sent for records another replica now owns").isEmpty();
        assertThat(failedForGood).isEmpty();
        assertThat(tracker.inHands(List.of(TP))).as("the rebalance no longer waits for them").isZero();
        assertThat(tracker.committable()).as("never committed past: the next owner reads them").doesNotContainKey(TP);
    }

    @Test
    void theRestOfAMixedBatchIsWrittenWithoutTheRecordsHandedOver() throws Exception {
        TopicPartition kept = new TopicPartition("freshsales.commands", 1);
        List<WorkItem> items = new ArrayList<>(batch());
        LoadCommand c = TestCommands.patient("run-w", "P-W9", null, false);
        tracker.received(kept, 7);
        items.add(new WorkItem(c, new WorkItem.FromKafka(kept, 7)));
        RebalancedDuringBudgetWait processor = new RebalancedDuringBudgetWait(TP);

        worker(processor).processWithRetries(items);

        assertThat(processor.calls).containsExactly(3, 1);
        assertThat(processor.written).singleElement().satisfies(b -> assertThat(b).extracting(i -> i.command().sourceId())
                .containsExactly("P-W9"));
        assertThat(tracker.committable()).containsEntry(kept, 8L).doesNotContainKey(TP);
    }

    @Test
    void aRecordOfAPartitionBeingRevokedCannotBeClaimed() {
        tracker.received(TP, 3);
        tracker.revoking(List.of(TP));
        assertThat(tracker.claim(TP, 3)).isFalse();
        assertThat(tracker.owns(TP, 3)).isFalse();
    }

    @Test
    void dataThePostgresRefusesIsNotInfrastructure() {
        assertThat(InfrastructureTrouble.isInfrastructure(new StoreException("x",
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(InfrastructureTrouble.isInfrastructure(new StoreException("x",
                new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(InfrastructureTrouble.isInfrastructure(new StoreException("x",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(InfrastructureTrouble.isInfrastructure(new IllegalArgumentException("bad"))).isFalse();
    }
}
