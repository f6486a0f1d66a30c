package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.ledger.BatchStore;
import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.PoisonLedger;
import dev.ferry.audit.ledger.RunLedger;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.RunEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code migration.runs} into runs and manifests; acked after the ledger transaction, like the outcomes. */
@ApplicationScoped
public class RunEventConsumer {

    static final String CHANNEL = "runs-in";

    private final EventDecoder<RunEvent> decoder;
    private final BatchStore store;
    private final RunLedger runs;
    private final PoisonLedger poisonLedger;
    private final PoisonPublisher publisher;
    private final AuditMetrics metrics;
    private final Clock clock;

    public RunEventConsumer(AuditConfig config, BatchStore store, RunLedger runs, PoisonLedger poisonLedger,
            PoisonPublisher publisher, AuditMetrics metrics, Clock clock) {
        this.decoder = new EventDecoder<>(RunEvent.class, config.serviceName() + "/" + CHANNEL, EventRules::runEvent,
                clock);
        this.store = store;
        this.runs = runs;
        this.poisonLedger = poisonLedger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Decoded<RunEvent>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(decoder.decode(record));
        }
        List<PoisonRecord> poisons = store.store(batch, decoder, (events, poison) -> {
            Instant now = clock.instant();
            int applied = runs.apply(events, now);
            poisonLedger.store(poison, now);
            return applied;
        }).poisons();
        publisher.publish(poisons);
        metrics.poison(CHANNEL, poisons.size());
    }
}
