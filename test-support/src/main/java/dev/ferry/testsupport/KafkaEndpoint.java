package dev.ferry.testsupport;

/** A Kafka broker a test may use. */
public record KafkaEndpoint(String bootstrapServers, Source source) {
}
