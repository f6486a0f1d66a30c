package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.ledger.BatchStore;
import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.OutcomeLedger;
import dev.ferry.audit.ledger.PoisonLedger;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.PoisonRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code freshsales.outcomes} into the ledger, one transaction per polled batch. The method returns (and so acks the
 * batch, which lets the throttled strategy commit its offsets) only after the transaction committed and this batch's
 * poison records were acknowledged by the broker. A database outage is waited out inside {@code BatchStore}; any other
 * failure propagates: nothing is acked, the channel fails, and the batch is read again after a restart, where the
 * idempotency key turns it into a no-op.
 */
@ApplicationScoped
public class OutcomeConsumer {

    static final String CHANNEL = "outcomes-in";
    private static final Logger LOG = Logger.getLogger(OutcomeConsumer.class);

    private final EventDecoder<LoadOutcome> decoder;
    private final BatchStore store;
    private final OutcomeLedger outcomes;
    private final PoisonLedger poisonLedger;
    private final PoisonPublisher publisher;
    private final AuditMetrics metrics;
    private final Clock clock;

    public OutcomeConsumer(AuditConfig config, BatchStore store, OutcomeLedger outcomes, PoisonLedger poisonLedger,
            PoisonPublisher publisher, AuditMetrics metrics, Clock clock) {
        this.decoder = new EventDecoder<>(LoadOutcome.class, config.serviceName() + "/" + CHANNEL,
                EventRules::outcome, clock);
        this.store = store;
        this.outcomes = outcomes;
        this.poisonLedger = poisonLedger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Batches may be stored concurrently, up to {@code smallrye.messaging.worker.audit-ledger-writers.max-concurrency}
     * at a time, also out of order: the ledger does not depend on arrival order (the state is the greatest stored
     * outcome), rows are locked in key order so concurrent batches cannot deadlock, and the throttled strategy only
     * commits an offset once every record before it is acked.
     */
    @Incoming(CHANNEL)
    @Blocking(value = "audit-ledger-writers", ordered = false)
    public void consume(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        List<Decoded<LoadOutcome>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(decoder.decode(record));
        }
        BatchStore.Result result = store.store(batch, decoder, (events, poison) -> {
            Instant now = clock.instant();
            OutcomeLedger.Stored stored = outcomes.store(events, now);
            poisonLedger.store(poison, now);
            return stored.inserted();
        });
        List<PoisonRecord> poisons = result.poisons();
        publisher.publish(poisons);
        metrics.outcomes(batch.size() - poisons.size(), result.newEvents());
        metrics.poison(CHANNEL, poisons.size());
        metrics.outcomeBatch().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        LOG.debugf("outcomes batch: %d messages, %d new outcomes, %d poison", batch.size(), result.newEvents(),
                poisons.size());
    }
}
