package dev.ferry.loader.store;

import dev.ferry.contracts.LoadCommand;
import java.time.Instant;

/** A parked command as read back: its row id, the command, why it waits and since when. */
public record ParkedCommand(long id, LoadCommand command, String reason, Instant parkedAt) {
}
