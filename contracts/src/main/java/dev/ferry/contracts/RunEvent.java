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
     * @param mappingVersion the confirmed mapping version the run uses
     * @param resources the resources it covers
     */
    record RunStarted(String commandId, String runId, RunMode mode, String mappingVersion,
            List<SourceResource> resources, Instant at) implements RunEvent {
        public RunStarted {
            resources = resources == null ? List.of() : List.copyOf(resources);
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "RUN_STARTED", null);
            }
        }
    }

    /**
     * The extractor finished reading one resource: how many records it published for this run. Reconciliation
     * compares outcomes against this number.
     *
     * @param deleted how many of them the source reported as soft-deleted
     */
    record ManifestCounted(String commandId, String runId, SourceResource resource, long count, long deleted,
            Instant at) implements RunEvent {
        public ManifestCounted {
            if (commandId == null) {
                commandId = CommandIds.ofRunEvent(runId, "MANIFEST_COUNTED", resource.path());
            }
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
