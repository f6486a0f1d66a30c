package dev.ferry.bench.baseline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's own consume→produce speed on the broker the pipeline ran on, over the very records the mapper read (same
 * keys, same sizes): a plain loop with the Kafka client's defaults (acks=all, the client's batching), no processing.
 * What a stage that only moves records could reach; the mapper is measured against it (issue 13).
 */
public final class KafkaPassThrough {

    /** What one pass-through measured. */
    public record Result(long records, long bytes, double seconds) {
        public double perSecond() {
            return seconds <= 0 ? Double.NaN : records / seconds;
        }
    }

    private KafkaPassThrough() {
    }

    /**
     * Copies every record of {@code from} (from the beginning) to a fresh topic of {@code partitions} partitions, then
     * deletes that topic. Gives up after {@code limit} with what it copied so far.
     */
    public static Result run(String bootstrap, Collection<String> from, int partitions, Duration limit) throws Exception {
        String target = "ferry.bench.passthrough-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(target, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return copy(bootstrap, from, target, limit);
            } finally {
                admin.deleteTopics(List.of(target)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Result copy(String bootstrap, Collection<String> from, String target, Duration limit) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, target);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            var partitions = from.stream().flatMap(t -> consumer.partitionsFor(t).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(t, i.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long expected = consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(e -> e.getValue() - consumer.beginningOffsets(List.of(e.getKey())).get(e.getKey())).sum();
            long records = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long deadline = start + limit.toNanos();
            while (records < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    producer.send(new ProducerRecord<>(target, r.key(), r.value()));
                    records++;
                    bytes += r.value() == null ? 0 : r.value().length;
                }
            }
            producer.flush();
            return new Result(records, bytes, (System.nanoTime() - start) / 1e9);
        }
    }
}
