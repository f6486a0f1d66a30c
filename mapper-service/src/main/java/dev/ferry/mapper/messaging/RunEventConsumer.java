package dev.ferry.mapper.messaging;

import dev.ferry.mapper.service.Outages;
import dev.ferry.mapper.service.RunEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code migration.runs}: same commit and failure rules as {@link RawRecordConsumer}. */
@ApplicationScoped
public class RunEventConsumer {

    private final RunEventHandler handler;
    private final java.time.Duration maxPause;

    public RunEventConsumer(RunEventHandler handler, dev.ferry.mapper.config.MapperConfig config) {
        this.handler = handler;
        this.maxPause = config.outageMaxPause();
    }

    @Incoming("runs-in")
    @Blocking
    public void onRunEvent(ConsumerRecord<String, byte[]> record) {
        Outages.waitOut("runs-in", () -> handler.accept(record.value(), RawRecordConsumer.origin("runs-in", record)),
                Outages::sleep, maxPause);
    }
}
