package dev.ferry.extractor.messaging;

/**
 * Kafka did not acknowledge a publish in time, or refused it with an error that passes (a broker down or restarting,
 * no leader yet, too few in-sync replicas): an outage, not a fault of the run. The run's attempt stops and the run
 * resumes from its checkpoints once the wait is over, as after PostgreSQL away (issue 8, hole 4). The message names
 * the topic and Kafka's error class, never record content.
 */
public final class KafkaAway extends RuntimeException {

    public KafkaAway(String message) {
        super(message, null, false, false);
    }

    /** The Kafka outage somewhere in {@code e}'s causes, or null. */
    public static KafkaAway in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KafkaAway away) {
                return away;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
