package dev.ferry.testsupport;

import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.PoisonRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for ITs, on the test broker: send what another service would send (acknowledged before the
 * call returns), read a whole topic, and compare a group's committed offsets with the topic's end. The one Kafka
 * helper every module's tests use.
 */
public final class TestKafka implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    /** Clients on the broker the tests run against ({@link FerryInfrastructure#kafkaBootstrapServers()}). */
    public TestKafka() {
        this(FerryInfrastructure.kafkaBootstrapServers());
    }

    public TestKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        admin = Admin.create(a);
    }

    /** Sends raw bytes (poison, say) and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** Sends to one partition, for tests that reason about one partition's offsets. */
    public void send(String topic, int partition, String key, byte[] value) {
        send(new ProducerRecord<>(topic, partition, key, value));
    }

    /** Sends an event in the contracts' JSON. */
    public void sendJson(String topic, String key, Object event) {
        send(topic, key, FerryJson.encode(event));
    }

    /** Sends load commands keyed as the mapper keys them (by partition key). */
    public void send(String topic, List<LoadCommand> commands) {
        commands.forEach(c -> sendJson(topic, c.partitionKey(), c));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + record.topic(), e);
        }
    }

    /** Every record the topic holds now, read from the beginning by a throw-away consumer that commits nothing. */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<TopicPartition, Long> end = endOffsets(topic);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline
                    && !end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Every record of the topic, decoded from the contracts' JSON. */
    public <T> List<T> readAll(String topic, Class<T> type) {
        return readAll(topic).stream().map(r -> FerryJson.decode(r.value(), type)).toList();
    }

    public List<LoadOutcome> outcomes(String topic) {
        return readAll(topic, LoadOutcome.class);
    }

    /** Outcomes grouped by command id. */
    public Map<String, List<LoadOutcome>> outcomesByCommand(String topic) {
        return outcomes(topic).stream().collect(Collectors.groupingBy(LoadOutcome::commandId));
    }

    public List<PoisonRecord> poison(String topic) {
        return readAll(topic, PoisonRecord.class);
    }

    /** The end offset of every partition of the topic. */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(WAIT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(WAIT.toSeconds(), TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of " + topic, e);
        }
    }

    /** The group's committed offsets on the topic; a partition without a commit reads 0. */
    public Map<TopicPartition, Long> committedOffsets(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            for (TopicPartition tp : endOffsets(topic).keySet()) {
                OffsetAndMetadata o = committed.get(tp);
                result.put(tp, o == null ? 0L : o.offset());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read committed offsets of " + group, e);
        }
    }

    /** Whether the group has committed everything the topic holds (false while the broker cannot tell). */
    public boolean caughtUp(String group, String topic) {
        try {
            return committedOffsets(group, topic).equals(endOffsets(topic));
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
