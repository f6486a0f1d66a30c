package dev.ferry.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Run lifecycle events on {@code migration.runs}, keyed by run id. The JSON carries a {@code type} discriminator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RunEvent.RunStarted.class, name = "RUN_STARTED"),
    @JsonSubTypes.Type(value = RunEvent.ManifestIds.class, name = "MANIFEST_IDS"),
    @JsonSubTypes.Type(value = RunEvent.ManifestCounted.class, name = "MANIFEST_COUNTED"),
    @JsonSubTypes.Type(value = RunEvent.ExtractionFinished.class, name = "EXTRACTION_FINISHED"),
    @JsonSubTypes.Type(value = RunEvent.RunFinished.class, name = "RUN_FINISHED")
})
public sealed interface RunEvent {

    String commandId();

    String runId();

    Instant at();

    /**
     * A run began.
     *
     * @param mappingVersion the mapping version the run uses: a confirmed map ({@code confirmed/vN}, issue 11) or,
     *     from an extractor whose map gate is off, a spec the mapper ships
     * @param resources the resources it covers
     * @param mapSha256 the sha256 of the confirmed map's text the run was started on (the mapper maps the run only with
     *     a text of this hash); null when the map gate is off
     */
    record RunStarted(String commandId, String runId, RunMode mode, String mappingVersion,
            List<SourceResource> resources, Instant at, String mapSha256) implements RunEvent {
        @com.fasterxml.jackson.annotation.JsonCreator
        public RunStarted {
            resources = resources == null ? List.of() : List.copyOf(resources);
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "RUN_STARTED", null);
            }
        }

        /** A run started without a confirmed map's hash (the shape before issue 11). */
        public RunStarted(String commandId, String runId, RunMode mode, String mappingVersion,
                List<SourceResource> resources, Instant at) {
            this(commandId, runId, mode, mappingVersion, resources, at, null);
        }
    }

    /**
     * One chunk of the source ids a manifest counts: the extractor publishes a counted resource's distinct ids in
     * chunks of at most {@link #MAX_IDS}, in one stable order, right before its {@link ManifestCounted}, on the same
     * partition (key = run id), so reconciliation can compare id sets instead of counts. Ids only, never record
     * content. A resumed extractor may publish the same chunks again (same command ids, same ids): consumers keep
     * each id once.
     *
     * @param chunk this chunk's 0-based position
     * @param chunks how many chunks the resource's id list has ({@link ManifestCounted#idChunks()} repeats it)
     * @param ids source ids of records the run published for the resource
     */
    record ManifestIds(String commandId, String runId, SourceResource resource, int chunk, int chunks,
            List<String> ids, Instant at) implements RunEvent {

        /**
         * Ids per chunk. Source ids are short (the extractor stores at most 200 characters), so a full chunk stays
         * far below Kafka's 1 MiB message limit; 10 000 records take 5 events, a million 500.
         */
        public static final int MAX_IDS = 2000;

        public ManifestIds {
            ids = ids == null ? List.of() : List.copyOf(ids);
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "MANIFEST_IDS", resource.path() + "/" + chunk + "/" + chunks);
            }
        }

        /** How many chunks a list of {@code ids} ids takes: 0 for none. */
        public static int chunkCount(long ids) {
            if (ids < 0) {
                throw new IllegalArgumentException("a negative number of ids");
            }
            return Math.toIntExact((ids + MAX_IDS - 1) / MAX_IDS);
        }
    }

    /**
     * The extractor finished reading one resource: how many records it published for this run. Reconciliation
     * compares outcomes against this number, and, when {@code idChunks} is given, against the ids of those records
     * (published before this event as {@link ManifestIds}).
     *
     * @param deleted how many of them the source reported as soft-deleted
     * @param idChunks how many {@link ManifestIds} chunks carry the ids of the {@code count} records (0 when there
     *     are none); null from an extractor that publishes counts only
     */
    record ManifestCounted(String commandId, String runId, SourceResource resource, long count, long deleted,
            Integer idChunks, Instant at) implements RunEvent {
        public ManifestCounted {
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "MANIFEST_COUNTED", resource.path());
            }
        }

        /** A manifest of counts only (no id list), as extractors before issue 8 published it. */
        public ManifestCounted(String commandId, String runId, SourceResource resource, long count, long deleted,
                Instant at) {
            this(commandId, runId, resource, count, deleted, null, at);
        }
    }

    /** Every resource of the run has been read. */
    record ExtractionFinished(String commandId, String runId, Map<SourceResource, Long> counts, Instant at)
            implements RunEvent {
        public ExtractionFinished {
            counts = counts == null ? Map.of() : Map.copyOf(counts);
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "EXTRACTION_FINISHED", null);
            }
        }
    }

    /**
     * The run is over: every record has a terminal outcome ({@code COMPLETED}), or it was stopped.
     *
     * @param status {@code COMPLETED}, {@code COMPLETED_WITH_FAILURES}, {@code STOPPED}
     */
    record RunFinished(String commandId, String runId, String status, Instant at) implements RunEvent {
        public RunFinished {
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "RUN_FINISHED", null);
            }
        }
    }
}
