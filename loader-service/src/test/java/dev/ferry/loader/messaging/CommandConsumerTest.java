package dev.ferry.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.it.TestCommands;
import dev.ferry.loader.service.WorkItem;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The poll loop's answer to Kafka trouble, on Kafka's own MockConsumer (the claim is about the loop, not the broker;
 * the fault matrix in system-tests stops a real broker).
 */
class CommandConsumerTest {

    private static final String TOPIC = "freshsales.commands";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    /** A consumer whose first {@code failures} commits fail the way a broker outage or a rebalance makes them fail. */
    private static final class FailingCommits extends MockConsumer<byte[], byte[]> {
        final AtomicInteger attempts = new AtomicInteger();
        final int failures;

        FailingCommits(int failures) {
            super("earliest");
            this.failures = failures;
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            int n = attempts.incrementAndGet();
            if (n <= failures) {
                throw n % 2 == 0 ? new CommitFailedException("the group rebalanced")
                        : new TimeoutException("Timeout of 60000ms expired before the commit completed");
            }
            super.commitSync(offsets);
        }
    }

    /**
     * Regression, issue 8 hole 4: a commitSync timeout or a CommitFailedException used to end the poll thread for
     * good; the loader then consumed nothing until it was restarted.
     */
    @Test
    void commitFailuresAreSurvivedAndTheOffsetsAreCommittedOnceKafkaAnswers() throws Exception {
        FailingCommits kafka = new FailingCommits(5);
        kafka.updateBeginningOffsets(Map.of(TP, 0L));
        kafka.schedulePollTask(() -> {
            kafka.rebalance(List.of(TP));
            LoadCommand c = TestCommands.patient("run-c", "P-C1", null, false);
            kafka.addRecord(new ConsumerRecord<>(TOPIC, 0, 0L, "P-C1".getBytes(), FerryJson.encode(c)));
        });
        OffsetTracker tracker = new OffsetTracker();
        BatchAccumulator<WorkItem> accumulator = new BatchAccumulator<>(10, Duration.ofMillis(1), Clock.systemUTC(),
                WorkItem::group, i -> 1);
        PoisonPublisher poison = new PoisonPublisher(new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer()), "ferry.poison");
        CommandConsumer loop = new CommandConsumer(kafka, TOPIC, new CommandDecoder("loader-service/" + TOPIC), poison,
                accumulator, tracker, 100, Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC(), d -> { });
        Thread thread = new Thread(loop, "test-consumer");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> accumulator.size() == 1);
            // The writer finishes the command: its offset becomes committable, and the commits start failing.
            List<WorkItem> taken = accumulator.removeIf(i -> true);
            tracker.done(TP, ((WorkItem.FromKafka) taken.get(0).origin()).offset());

            await().atMost(Duration.ofSeconds(20)).until(() -> kafka.committed(java.util.Set.of(TP)).get(TP) != null);
            assertThat(kafka.committed(java.util.Set.of(TP)).get(TP).offset()).isEqualTo(1L);
            assertThat(kafka.attempts.get()).isGreaterThan(5);
            assertThat(thread.isAlive()).as("the poll thread lives on").isTrue();
            assertThat(loop.lastTrouble()).isNotNull();
        } finally {
            loop.stop();
            thread.join(10_000);
        }
    }
}
