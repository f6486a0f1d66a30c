package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes rollback commands to {@code freshsales.commands} (channel {@code rollback-commands-out}), keyed like the
 * loader's other commands, and returns once the broker acknowledged every one: only then does the rollback mark them
 * published.
 */
@ApplicationScoped
public class RollbackCommandPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final AuditConfig config;

    public RollbackCommandPublisher(@Channel("rollback-commands-out") MutinyEmitter<byte[]> emitter,
            AuditConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public void publish(List<LoadCommand> commands) {
        if (commands.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = commands.stream()
                .map(c -> emitter.sendMessage(KafkaRecord.of(c.partitionKey(), FerryJson.encode(c))))
                .toList();
        Uni.join().all(sends).andFailFast().await().atMost(config.rollback().publishTimeout());
    }
}
