package dev.ferry.extractor.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.model.Published;
import dev.ferry.extractor.service.ExtractionFailed;
import dev.ferry.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The producer settings the checkpoints rely on are forced whatever {@code kafka.*} says, and records become
 * envelopes keyed by source id. (That a page waits for the broker's real acknowledgements is shown by the ITs.)
 */
class KafkaPublisherTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void acksAllAndIdempotenceCannotBeConfiguredAway() {
        Map<String, Object> props = KafkaPublisher.producerConfig(Map.of("bootstrap.servers", "broker:9092",
                "acks", "1", "enable.idempotence", "false", "linger.ms", "20"));

        assertThat(props).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry("bootstrap.servers", "broker:9092")
                .containsEntry("linger.ms", "20");
    }

    /**
     * Regression, issue 8 hole 5: a record without an id used to be counted "invalid" and vanish from the manifest, so
     * reconciliation never saw it. It is now published under a name from its content, the same on every read, and the
     * mapper ends it {@code REJECTED id.missing}.
     */
    @Test
    void recordsBecomeEnvelopesKeyedBySourceIdAndARecordWithoutIdIsPublishedUnderAStableName() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaPublisher publisher = publisher(producer, Duration.ofSeconds(5));
        List<ObjectNode> records = List.of(
                node("{\"id\": \"P-1\", \"updated_at\": \"2024-05-01T12:00:00+03:00\", \"deleted\": true}"),
                node("{\"first_name\": \"no id\"}"));

        Published published = publisher.publishRecords("run-1", RunMode.FULL, SourceResource.PATIENTS, records);

        assertThat(published.keys()).hasSize(2);
        assertThat(published.invalid()).isZero();
        assertThat(producer.history()).hasSize(2);
        assertThat(producer.history().get(0)).satisfies(r -> {
            assertThat(r.topic()).isEqualTo("dentes.raw.patients");
            assertThat(r.key()).isEqualTo("P-1");
            SourceRecordEnvelope e = FerryJson.decode(r.value(), SourceRecordEnvelope.class);
            assertThat(e.runId()).isEqualTo("run-1");
            assertThat(e.mode()).isEqualTo(RunMode.FULL);
            assertThat(e.sourceUpdatedAt()).isEqualTo("2024-05-01T12:00:00+03:00");
            assertThat(e.deleted()).isTrue();
            assertThat(e.extractedAt()).isEqualTo(NOW);
            assertThat(e.payload()).isEqualTo(records.get(0));
        });
        String name = producer.history().get(1).key();
        assertThat(name).matches("no-id-[0-9a-f]{16}");
        assertThat(FerryJson.decode(producer.history().get(1).value(), SourceRecordEnvelope.class).sourceId())
                .isEqualTo(name);
        // The same record read again (a catch-up round) gets the same name: counted once.
        Published again = publisher.publishRecords("run-1", RunMode.FULL, SourceResource.PATIENTS,
                List.of(node("{\"first_name\": \"no id\"}")));
        assertThat(again.keys()).singleElement().satisfies(k -> assertThat(k.sourceId()).isEqualTo(name));
    }

    /** Custom-module record ids are unique only within their module: the Ferry identity is {@code {key}/{id}}. */
    @Test
    void aCustomModuleRecordIsKeyedByItsCompositeIdWithItsModuleKeyAndTheTenantsPayload() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaPublisher publisher = publisher(producer, Duration.ofSeconds(5));
        ObjectNode record = node("{\"id\": \"LAB-1\", \"patient_id\": \"P-1\", \"values\": {\"shade\": \"B2\"},"
                + " \"updated_at\": \"2024-05-01T12:00:00+03:00\"}");
        ObjectNode asServed = record.deepCopy();

        Published published = publisher.publishRecords("run-1", RunMode.FULL, SourceResource.CUSTOM_MODULE_RECORDS,
                "lab-work", List.of(record));

        assertThat(producer.history()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("dentes.raw.custom-module-records");
            assertThat(r.key()).isEqualTo("lab-work/LAB-1");
            SourceRecordEnvelope e = FerryJson.decode(r.value(), SourceRecordEnvelope.class);
            assertThat(e.sourceId()).isEqualTo("lab-work/LAB-1");
            assertThat(e.moduleKey()).isEqualTo("lab-work");
            assertThat(e.resource()).isEqualTo(SourceResource.CUSTOM_MODULE_RECORDS);
            assertThat(e.payload()).isEqualTo(asServed);
        });
        // The module's extraction and ledger speak the tenant's ids; the ledger composes them again.
        assertThat(published.keys()).singleElement().satisfies(k -> assertThat(k.sourceId()).isEqualTo("LAB-1"));
        // Other resources carry no module key.
        publisher.publishRecords("run-1", RunMode.FULL, SourceResource.PATIENTS, List.of(node("{\"id\": \"P-1\"}")));
        assertThat(FerryJson.decode(producer.history().get(1).value(), SourceRecordEnvelope.class).moduleKey())
                .isNull();
    }

    @Test
    void aRecordKafkaRefusesForGoodFailsThePageWithoutQuotingIt() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaPublisher publisher = publisher(producer, Duration.ofSeconds(5));
        answerTheFirstSendWith(producer, new RecordTooLargeException("the message is 2000000 bytes"));

        assertThatThrownBy(() -> publisher.publishRecords("run-1", RunMode.FULL, SourceResource.PATIENTS,
                List.of(node("{\"id\": \"P-1\", \"first_name\": \"Ayşe\"}"))))
                .isInstanceOf(ExtractionFailed.class)
                .hasMessageContaining("dentes.raw.patients")
                .hasMessageContaining("RecordTooLargeException")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Ayşe"));
    }

    /**
     * Regression (CI of 2026-12-07, the fault matrix's kafka-broker-down-30s-then-90s row): the broker's second outage
     * and its restart outlasted the page's 2-minute wait for acknowledgements; the wait ended in ExtractionFailed, the
     * run ended FAILED and its custom-module records never reached an outcome. A page Kafka does not acknowledge in
     * time, or refuses with an error that passes, is an outage the run waits out ({@link KafkaAway}).
     */
    @Test
    void noAcknowledgementInTimeOrARetriableRefusalIsKafkaAwayNotAFailedPage() {
        MockProducer<String, byte[]> silent = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        KafkaPublisher waiting = publisher(silent, Duration.ofMillis(50));
        assertThatThrownBy(() -> waiting.publishRecords("run-1", RunMode.FULL, SourceResource.PATIENTS,
                List.of(node("{\"id\": \"P-1\", \"first_name\": \"Ayşe\"}"))))
                .isInstanceOf(KafkaAway.class)
                .hasMessageContaining("dentes.raw.patients")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Ayşe"));

        for (RuntimeException retriable : List.of(new NotEnoughReplicasException("not enough in-sync replicas"),
                new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s) after 120000 ms"))) {
            MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                    new ByteArraySerializer());
            KafkaPublisher publisher = publisher(producer, Duration.ofSeconds(5));
            answerTheFirstSendWith(producer, retriable);
            assertThatThrownBy(() -> publisher.publishRunEvent(new RunEvent.ExtractionFinished(null, "run-1",
                    Map.of(), NOW)))
                    .isInstanceOf(KafkaAway.class)
                    .hasMessageContaining("migration.runs")
                    .hasMessageContaining(retriable.getClass().getSimpleName());
        }
    }

    private static KafkaPublisher publisher(MockProducer<String, byte[]> producer, Duration ackTimeout) {
        return new KafkaPublisher(producer, ackTimeout, new ManualClock(NOW), new SimpleMeterRegistry());
    }

    /** Fails the producer's first send with {@code error}, from another thread, as a broker's answer comes. */
    private static void answerTheFirstSendWith(MockProducer<String, byte[]> producer, RuntimeException error) {
        Thread broker = new Thread(() -> {
            while (producer.history().isEmpty()) {
                Thread.onSpinWait();
            }
            producer.errorNext(error);
        });
        broker.start();
    }

    private static ObjectNode node(String json) {
        return (ObjectNode) FerryJson.decode(json, JsonNode.class);
    }
}
