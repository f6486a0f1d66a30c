package dev.ferry.audit.messaging;

import dev.ferry.audit.config.AuditConfig;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Publishes {@code RunFinished} to {@code migration.runs} (channel {@code run-finished-out}), keyed by run id like
 * every run event, and returns once the broker acknowledged it: only then is it recorded as published.
 */
@ApplicationScoped
public class RunFinishedPublisher {

    private final MutinyEmitter<byte[]> emitter;
    private final AuditConfig config;

    public RunFinishedPublisher(@Channel("run-finished-out") MutinyEmitter<byte[]> emitter, AuditConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public void publish(RunEvent.RunFinished event) {
        emitter.sendMessage(KafkaRecord.of(event.runId(), FerryJson.encode(event)))
                .await().atMost(config.runFinished().publishTimeout());
    }
}
