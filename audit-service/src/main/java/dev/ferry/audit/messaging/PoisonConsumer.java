package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.ledger.BatchStore;
import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.PoisonLedger;
import dev.ferry.contracts.PoisonRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code ferry.poison} (every service's poison, this one's included) into the poison list. A message on that topic
 * that is itself unusable is recorded directly under this channel's name and never re-published, which would loop.
 */
@ApplicationScoped
public class PoisonConsumer {

    static final String CHANNEL = "poison-in";

    private final EventDecoder<PoisonRecord> decoder;
    private final BatchStore store;
    private final PoisonLedger poisonLedger;
    private final AuditMetrics metrics;
    private final Clock clock;

    public PoisonConsumer(AuditConfig config, BatchStore store, PoisonLedger poisonLedger, AuditMetrics metrics,
            Clock clock) {
        this.decoder = new EventDecoder<>(PoisonRecord.class, config.serviceName() + "/" + CHANNEL,
                EventRules::poison, clock);
        this.store = store;
        this.poisonLedger = poisonLedger;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        List<Decoded<PoisonRecord>> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(decoder.decode(record));
        }
        BatchStore.Result result = store.store(batch, decoder, (reported, unusable) -> {
            Instant now = clock.instant();
            List<PoisonRecord> all = new ArrayList<>(reported.size() + unusable.size());
            reported.forEach(e -> all.add(e.value()));
            all.addAll(unusable);
            return poisonLedger.store(all, now);
        });
        metrics.poison(CHANNEL, result.poisons().size());
    }
}
