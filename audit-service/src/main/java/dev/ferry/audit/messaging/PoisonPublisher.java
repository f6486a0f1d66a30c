package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.PoisonRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes this service's poison records to {@code ferry.poison} and waits for the broker's acknowledgement, so a
 * batch is acked only once its poison is durable there too. Keyed by the refusing consumer.
 */
@ApplicationScoped
public class PoisonPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final AuditConfig config;

    public PoisonPublisher(@Channel("poison-out") MutinyEmitter<byte[]> emitter, AuditConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public void publish(List<PoisonRecord> poisons) {
        if (poisons.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = poisons.stream()
                .map(p -> emitter.sendMessage(KafkaRecord.of(p.consumer(), FerryJson.encode(p))))
                .toList();
        Uni.join().all(sends).andFailFast().await().atMost(config.poison().publishTimeout());
    }
}
