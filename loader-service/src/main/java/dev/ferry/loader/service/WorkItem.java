package dev.ferry.loader.service;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.store.EntryKey;
import org.apache.kafka.common.TopicPartition;

/**
 * A command on its way through the loader, with where it came from: a Kafka record (whose offset may be committed once
 * the item is finished) or a parked row (which the item's final transaction deletes).
 */
public record WorkItem(LoadCommand command, Origin origin) {

    /** Where a work item came from. */
    public sealed interface Origin {
    }

    /** Read from Kafka at this position. */
    public record FromKafka(TopicPartition partition, long offset) implements Origin {
    }

    /**
     * Released from parking.
     *
     * @param parkedId the parked row
     * @param expired true when it is released because it waited longer than the park timeout
     * @param reason why it was parked
     * @param revision the parked row's revision this command is (a newer version may replace it meanwhile)
     */
    public record FromParking(long parkedId, boolean expired, String reason, int revision) implements Origin {
    }

    public EntryKey key() {
        return EntryKey.of(command);
    }

    public boolean fromKafka() {
        return origin instanceof FromKafka;
    }

    public Long parkedId() {
        return origin instanceof FromParking p ? p.parkedId() : null;
    }

    /**
     * The batch group: one Freshsales write target (for custom-module records, one module) and command kind per batch.
     */
    public String group() {
        return WriteTarget.of(command).path() + "|" + command.kind();
    }
}
