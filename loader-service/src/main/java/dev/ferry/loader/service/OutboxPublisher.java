package dev.ferry.loader.service;

import java.util.List;

/** Publishes outbox rows the processor committed, and deletes them once Kafka has acknowledged them. */
public interface OutboxPublisher {

    /** Returns when every listed row is acknowledged by Kafka (or was taken by another replica's relay). */
    void publish(List<Long> outboxIds) throws InterruptedException;

    /** Kafka did not acknowledge the outcomes; they stay in the outbox and the work is tried again. */
    class Unacknowledged extends RuntimeException {
        public Unacknowledged(String message) {
            super(message, null, false, false);
        }
    }
}
