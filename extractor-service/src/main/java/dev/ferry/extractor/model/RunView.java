package dev.ferry.extractor.model;

import dev.ferry.contracts.RunMode;
import java.time.Instant;
import java.util.List;

/**
 * A run as {@code GET /runs/{id}} shows it.
 *
 * @param mappingVersion the map the run maps with: {@code confirmed/vN} (issue 11), or a shipped spec with the gate off
 * @param mapSha256 the confirmed map's sha256 the run was started on, or null with the gate off
 * @param snapshotAt the instant the run's consistency guarantee refers to (see README, "Consistency")
 * @param attempts how many times the run was started (1 + resumes)
 * @param active whether this extractor is working on it right now
 */
public record RunView(String runId, RunMode mode, RunState state, String mappingVersion, String mapSha256, Instant snapshotAt,
        Instant createdAt, Instant startedAt, Instant finishedAt, int attempts, String failureReason, boolean active,
        List<ResourceView> resources) {

    /**
     * One resource of the run.
     *
     * @param level dependency level; a level starts when the one before is done
     * @param pageSize records per page of the page pass (null until the first page was read)
     * @param totalPages pages of the page pass, fixed at the first page
     * @param pagesDone pages of the page pass checkpointed (records acknowledged by Kafka)
     * @param reportedTotal the tenant's {@code meta.total} when the first page was read
     * @param recordsPublished distinct records published so far in this run (page pass, catch-up and repairs)
     * @param deletedPublished of those, how many the source marked deleted
     * @param invalidRecords entries that could not be published (not an object, or no id)
     * @param verificationRounds catch-up-and-verify rounds used
     * @param manifestCount the count in {@code ManifestCounted}, once frozen
     * @param unverifiedTail records created or changed after the snapshot that the tenant counted but this run did
     *     not read (the next delta run does)
     */
    public record ResourceView(String resource, int level, ResourceState state, String sourcePath, Integer pageSize,
            Integer totalPages, long pagesDone, Long reportedTotal, long recordsPublished, long deletedPublished,
            long invalidRecords, int verificationRounds, Long manifestCount, Long manifestDeleted,
            long unverifiedTail, String failureReason, Instant startedAt, Instant finishedAt) {
    }
}
