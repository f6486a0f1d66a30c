package dev.ferry.extractor.service;

import dev.ferry.extractor.messaging.KafkaAway;

/** What a run waits out instead of failing: PostgreSQL away or Kafka away (issue 8, hole 4). */
final class Outage {

    private Outage() {
    }

    /** The outage somewhere in {@code e}'s causes ({@link DatabaseAway} or {@link KafkaAway}), or null. */
    static RuntimeException in(Throwable e) {
        DatabaseAway database = DatabaseAway.in(e);
        return database != null ? database : KafkaAway.in(e);
    }
}
