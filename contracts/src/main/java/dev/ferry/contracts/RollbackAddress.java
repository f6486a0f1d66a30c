package dev.ferry.contracts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a rollback command ({@link CommandKind#DELETE}, {@link CommandKind#RESTORE}) names its record: a rollback does
 * not look a record up by a source identifier, it acts on the Freshsales id the run's outcome reported. The id travels
 * in the command's identifier as {@code {"id": "70000012345"}}, with {@code "force": "true"} when the operator asked to
 * act on a record a person changed since Ferry wrote it (drift).
 */
public final class RollbackAddress {

    /** The identifier key of the Freshsales id. */
    public static final String ID = "id";
    /** The identifier key of the force flag. */
    public static final String FORCE = "force";

    private RollbackAddress() {
    }

    /** The identifier of a rollback command. */
    public static Map<String, String> identifier(long freshsalesId, boolean force) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ID, Long.toString(freshsalesId));
        if (force) {
            out.put(FORCE, "true");
        }
        return out;
    }

    /** The Freshsales id a rollback command names, or null when it names none (or not a number). */
    public static Long freshsalesId(LoadCommand command) {
        String id = command.identifier().get(ID);
        if (id == null) {
            return null;
        }
        try {
            long v = Long.parseLong(id.trim());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the command overrides drift detection. */
    public static boolean forced(LoadCommand command) {
        return "true".equals(command.identifier().get(FORCE));
    }

    /**
     * The command id of a rollback action: deterministic per run, record, part and action (a forced action is another
     * command than the unforced one it overrides, so it is not taken for a replay of it).
     */
    public static String commandId(String runId, SourceResource resource, String sourceId, int part, CommandKind kind,
            boolean force) {
        return CommandIds.of(runId, resource, sourceId, part, "rollback-" + kind.name() + (force ? "-force" : ""));
    }
}
