package dev.ferry.audit.service;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A rollback of a run: its plan (dry run) or its state. Ids, field names and reasons only: never a field value (the
 * before-images a restore writes are sent to the loader, not shown).
 *
 * @param state DRY_RUN (nothing issued), RUNNING, DONE, or NONE (no rollback of the run yet; GET only)
 * @param level the level being rolled back now (0 notes, tasks, activities, module records; 1 deals; 2 contacts; 3
 *     accounts; 4 products)
 * @param toDelete records the run created that this rollback deletes (issued now or earlier and not done yet)
 * @param toRestore records the run updated whose before-images this rollback writes back
 * @param leftAlone records left alone, with the reason in {@link #records}
 * @param alreadyRolledBack records an earlier rollback already deleted or restored
 * @param deleted outcomes so far
 * @param pending commands issued without an outcome yet
 * @param calls the Freshsales calls the commands still to issue cost (a read and a write each)
 * @param etaSeconds those calls on the loader's budget
 * @param records every record, or for GET the ones issued, skipped for drift or failed
 */
@Schema(description = "A run's rollback: what it deletes, restores and leaves alone, and where it stands")
public record RollbackView(String runId, String state, boolean force, Integer level, Instant startedAt,
        Instant finishedAt, long toDelete, long toRestore, long leftAlone, long alreadyRolledBack, long deleted,
        long restored, long skipped, long failed, long pending, long calls, long etaSeconds,
        List<Entry> records) {

    /**
     * One record of the rollback.
     *
     * @param action DELETE, RESTORE or LEAVE
     * @param fields for a restore: the names of the fields written back
     * @param outcome the rollback's outcome so far (DELETED, RESTORED, SKIPPED, FAILED), or null
     * @param detail the reason it is left alone, or the outcome's detail (drift names fields, never values)
     */
    @Schema(description = "One record of a rollback")
    public record Entry(String action, String resource, String sourceId, int part, String target,
            Long freshsalesId, int level, List<String> fields, String outcome, String detail) {
    }
}
