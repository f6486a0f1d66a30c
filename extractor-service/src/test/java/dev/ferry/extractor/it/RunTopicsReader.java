package dev.ferry.extractor.it;

import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what one run published, from the real broker: the raw topics and {@code migration.runs} from the beginning
 * (no consumer group, nothing committed), keeping only messages of the run. Other tests share the topics, so
 * everything is filtered by run id.
 */
final class RunTopicsReader implements AutoCloseable {

    /** A message with where it sat. */
    record Received<T>(String topic, String key, int partition, long offset, T value) {
    }

    private final String runId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<SourceResource, List<Received<SourceRecordEnvelope>>> records = new ConcurrentHashMap<>();
    private final List<Received<RunEvent>> events = new CopyOnWriteArrayList<>();

    RunTopicsReader(String bootstrap, String runId, List<SourceResource> resources) {
        this.runId = runId;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        List<String> topics = new ArrayList<>(resources.stream().map(SourceResource::rawTopic).toList());
        topics.add(Topics.RUNS);
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        resources.forEach(r -> records.put(r, new CopyOnWriteArrayList<>()));
    }

    /** Polls until {@code done} holds, or fails after {@code within}. */
    void pollUntil(BooleanSupplier done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the run's messages did not arrive within " + within + " (records: "
                        + counts() + ", events: " + events.size() + ")");
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                accept(r);
            }
        }
    }

    /** Polls until the topics are read to their current end. */
    void drain(Duration within) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        pollUntil(() -> end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()), within);
    }

    private void accept(ConsumerRecord<String, byte[]> r) {
        try {
            if (r.topic().equals(Topics.RUNS)) {
                RunEvent e = FerryJson.decode(r.value(), RunEvent.class);
                if (runId.equals(e.runId())) {
                    events.add(new Received<>(r.topic(), r.key(), r.partition(), r.offset(), e));
                }
            } else {
                SourceRecordEnvelope e = FerryJson.decode(r.value(), SourceRecordEnvelope.class);
                if (runId.equals(e.runId())) {
                    records.get(e.resource()).add(new Received<>(r.topic(), r.key(), r.partition(), r.offset(), e));
                }
            }
        } catch (ContractViolation e) {
            // another test's deliberately broken message on a shared topic: not ours
        }
    }

    List<Received<SourceRecordEnvelope>> records(SourceResource resource) {
        return List.copyOf(records.get(resource));
    }

    List<Received<RunEvent>> events() {
        return List.copyOf(events);
    }

    <T extends RunEvent> List<T> events(Class<T> type) {
        return events.stream().map(Received::value).filter(type::isInstance).map(type::cast).toList();
    }

    private Map<SourceResource, Integer> counts() {
        Map<SourceResource, Integer> out = new java.util.TreeMap<>();
        records.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
