package dev.ferry.loader.it;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Produces commands (or raw bytes) and reads every record of the output topics, from the beginning. */
public final class KafkaTestIO implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, KafkaConsumer<byte[], byte[]>> readers = new HashMap<>();
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> seen = new HashMap<>();

    public KafkaTestIO(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    public void send(String topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    public void send(String topic, List<LoadCommand> commands) {
        commands.forEach(c -> send(topic, c.partitionKey(), FerryJson.encode(c)));
    }

    /** Every record of the topic so far. */
    public synchronized List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        KafkaConsumer<byte[], byte[]> c = readers.computeIfAbsent(topic, this::reader);
        List<ConsumerRecord<byte[], byte[]>> all = seen.computeIfAbsent(topic, t -> new ArrayList<>());
        c.poll(Duration.ofMillis(300)).forEach(all::add);
        return List.copyOf(all);
    }

    public List<LoadOutcome> outcomes(String topic) {
        return records(topic).stream().map(r -> FerryJson.decode(r.value(), LoadOutcome.class)).toList();
    }

    public List<PoisonRecord> poison(String topic) {
        return records(topic).stream().map(r -> FerryJson.decode(r.value(), PoisonRecord.class)).toList();
    }

    /** Outcomes grouped by command id. */
    public Map<String, List<LoadOutcome>> outcomesByCommand(String topic) {
        return outcomes(topic).stream().collect(Collectors.groupingBy(LoadOutcome::commandId));
    }

    private KafkaConsumer<byte[], byte[]> reader(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
        List<TopicPartition> parts = c.partitionsFor(topic).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        c.assign(parts);
        c.seekToBeginning(parts);
        return c;
    }

    @Override
    public synchronized void close() {
        readers.values().forEach(KafkaConsumer::close);
        producer.close(Duration.ofSeconds(5));
    }
}
