package dev.ferry.extractor.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.model.ModuleRecordId;
import dev.ferry.extractor.model.Published;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.service.ExtractionFailed;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The extractor's one Kafka producer: records to {@code dentes.raw.<resource>} keyed by source id, run events to
 * {@code migration.runs} keyed by run id. {@code acks=all} and idempotence are forced on. Every publish waits for the
 * acknowledgements: a page is checkpointed only after all its records are durable, which is why this uses the plain
 * producer and its per-record futures rather than a fire-and-forget emitter.
 */
@ApplicationScoped
public class KafkaPublisher {

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final Clock clock;
    private final MeterRegistry metrics;

    @Inject
    public KafkaPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ExtractorConfig config,
            Clock clock, MeterRegistry metrics) {
        this(new KafkaProducer<>(producerConfig(kafkaConfig)), config.publish().ackTimeout(), clock, metrics);
    }

    public KafkaPublisher(Producer<String, byte[]> producer, Duration ackTimeout, Clock clock, MeterRegistry metrics) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The {@code kafka.*} settings (bootstrap servers, security...) with the guarantees this service relies on forced.
     */
    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            // the connector-level keys Quarkus adds are not producer settings
            if (!k.startsWith("mp.") && !k.startsWith("smallrye.")) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ferry-extractor");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** Publishes one page (or part of one) and returns once Kafka acknowledged every record. */
    public Published publishRecords(String runId, RunMode mode, SourceResource resource, List<ObjectNode> records)
            throws ExtractionFailed, InterruptedException {
        return publishRecords(runId, mode, resource, null, records);
    }

    /**
     * Publishes one page (or part of one) of a resource, or of one custom module's records when {@code moduleKey} is
     * given, and returns once Kafka acknowledged every record. A module's record is published under its composite id
     * {@code {key}/{id}} ({@link ModuleRecordId}: envelope {@code sourceId} and Kafka key), with {@code moduleKey} set
     * and the payload as the tenant served it; the keys returned carry the tenant's own ids, as the extraction of the
     * module reads them (its ledger composes them again).
     */
    public Published publishRecords(String runId, RunMode mode, SourceResource resource, String moduleKey,
            List<ObjectNode> records) throws ExtractionFailed, InterruptedException {
        Instant extractedAt = clock.instant();
        List<RecordKey> keys = new ArrayList<>(records.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        int unidentified = 0;
        for (ObjectNode record : records) {
            RecordKey key = RecordKey.of(record);
            if (key == null) {
                // Published anyway, under a name from its content: the mapper ends it REJECTED id.missing, so the
                // run's manifest and reconciliation account for it (issue 8, hole 5).
                key = RecordKey.unidentified(record);
                unidentified++;
            }
            JsonNode updatedAt = record.get("updated_at");
            String sourceId = moduleKey == null ? key.sourceId() : ModuleRecordId.of(moduleKey, key.sourceId());
            SourceRecordEnvelope envelope = new SourceRecordEnvelope(null, runId, mode, resource, sourceId, moduleKey,
                    updatedAt != null && updatedAt.isTextual() ? updatedAt.asText() : null, key.deleted(), record,
                    extractedAt);
            acks.add(producer.send(new ProducerRecord<>(resource.rawTopic(), sourceId, FerryJson.encode(envelope))));
            keys.add(key);
        }
        awaitAll(acks, resource.rawTopic());
        metrics.counter("ferry.extractor.records.published", "resource", resource.path()).increment(keys.size());
        if (unidentified > 0) {
            metrics.counter("ferry.extractor.records.unidentified", "resource", resource.path()).increment(unidentified);
        }
        return new Published(keys, 0);
    }

    /** Publishes a run event and returns once Kafka acknowledged it. */
    public void publishRunEvent(RunEvent event) throws ExtractionFailed, InterruptedException {
        awaitAll(List.of(producer.send(new ProducerRecord<>(Topics.RUNS, event.runId(), FerryJson.encode(event)))),
                Topics.RUNS);
    }

    /**
     * Waits for every acknowledgement. An error Kafka calls retriable (its own delivery timeout included), or no answer
     * within {@code ackTimeout}, is an outage: {@link KafkaAway}, which the run waits out. Any other error refuses the
     * page for good.
     */
    private void awaitAll(List<Future<RecordMetadata>> acks, String topic) throws ExtractionFailed,
            InterruptedException {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                // Kafka's messages name topics, partitions and brokers, never record content.
                String what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                if (cause instanceof RetriableException) {
                    throw new KafkaAway("Kafka did not acknowledge a record on " + topic + " (" + what + ")");
                }
                throw new ExtractionFailed("Kafka did not acknowledge a record on " + topic + ": " + what);
            } catch (TimeoutException e) {
                throw new KafkaAway("Kafka did not acknowledge records on " + topic + " within " + ackTimeout);
            }
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
