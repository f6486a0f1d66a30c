package dev.ferry.loader.store;

import dev.ferry.contracts.LoadCommand;
import java.time.Instant;

/**
 * A parked command as read back: its row id, the command, why it waits, since when, and its revision (how many newer
 * versions replaced the first one parked).
 */
public record ParkedCommand(long id, LoadCommand command, String reason, Instant parkedAt, int revision) {
}
