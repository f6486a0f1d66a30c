package dev.ferry.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids: the same logical operation always gets the same id, so a replayed message (a consumer that
 * restarts before committing its offset, a re-sent batch) is recognisable wherever it lands.
 */
public final class CommandIds {
    private CommandIds() {
    }

    /**
     * The id of the command that performs {@code action} on one part of one source record within one run.
     *
     * @param part 0 for a record's main write; 1.. for further writes the same record needs (a note split in pieces)
     */
    public static String of(String runId, SourceResource resource, String sourceId, int part, String action) {
        return nameBased(String.join("\u001f", "cmd", runId, resource.path(), sourceId, Integer.toString(part), action));
    }

    /** The id of an extracted record's envelope: one per run, resource, record and source version. */
    public static String ofExtraction(String runId, SourceResource resource, String sourceId, String sourceUpdatedAt) {
        return nameBased(String.join("\u001f", "raw", runId, resource.path(), sourceId, String.valueOf(sourceUpdatedAt)));
    }

    /** The id of a run-lifecycle event: one per run, type and (for per-resource events) resource. */
    public static String ofRunEvent(String runId, String type, String qualifier) {
        return nameBased(String.join("\u001f", "run", runId, type, String.valueOf(qualifier)));
    }

    private static String nameBased(String name) {
        // Name-based (type 3) UUIDs are stable across JVMs and versions: exactly what replay detection needs.
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
