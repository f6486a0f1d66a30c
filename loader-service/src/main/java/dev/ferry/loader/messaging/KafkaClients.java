package dev.ferry.loader.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * Kafka clients built from the application's {@code kafka.*} settings (bootstrap servers, and in production the
 * security settings), with the settings Ferry's guarantees depend on forced: idempotent producer with {@code acks=all};
 * consumer without auto-commit, reading from the earliest offset when its group has none, with a 10 s session so a
 * dead replica's partitions move within seconds rather than Kafka's default 45.
 */
public final class KafkaClients {

    /** The consumer's default {@code session.timeout.ms} (overridable as {@code kafka.session.timeout.ms}). */
    static final String SESSION_TIMEOUT_MS = "10000";
    /** The consumer's default {@code heartbeat.interval.ms}: a third of the session, as Kafka recommends. */
    static final String HEARTBEAT_INTERVAL_MS = "3000";

    private final Map<String, Object> common = new HashMap<>();

    public KafkaClients(Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.") && !name.startsWith("kafka.devservices")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> common.put(name.substring(6), v));
            }
        }
    }

    KafkaClients(Map<String, Object> common) {
        this.common.putAll(common);
    }

    public KafkaProducer<String, byte[]> producer(String clientId) {
        Properties p = new Properties();
        p.putAll(common);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    public KafkaConsumer<byte[], byte[]> consumer(String groupId, String clientId) {
        return new KafkaConsumer<>(consumerProperties(groupId, clientId));
    }

    Properties consumerProperties(String groupId, String clientId) {
        Properties p = new Properties();
        p.putAll(common);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // A killed replica's partitions wait this long before the group moves them (Kafka's default: 45 s). The poll
        // loop never blocks on the writer and heartbeats run on the client's own thread, so only a process stalled
        // for 10 s (or a network cut) loses its partitions spuriously, and that is safe: a rebalance hands the work
        // over and replays are idempotent. The broker accepts 6 s to 30 min by default.
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
