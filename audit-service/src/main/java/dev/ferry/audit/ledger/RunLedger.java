package dev.ferry.audit.ledger;

import dev.ferry.audit.model.ManifestEntity;
import dev.ferry.audit.model.RunEntity;
import dev.ferry.audit.model.RunEventEntity;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

/**
 * Applies run lifecycle events to runs and manifests, inside the caller's transaction. Each event is applied so that
 * replays and reordering cannot move a run backwards: the earliest {@code RunStarted} wins, the latest
 * {@code ManifestCounted} per resource wins, and the latest {@code ExtractionFinished} and {@code RunFinished} win.
 */
@ApplicationScoped
public class RunLedger {

    // The outcome consumer may create the same run row at the same moment; this never fails on that race.
    private static final String ENSURE_RUN = """
            INSERT INTO {schema}.run (run_id, first_seen_at, updated_at) VALUES (?1, ?2, ?2)
            ON CONFLICT (run_id) DO NOTHING""";

    private final EntityManager em;
    private final LedgerSchema schema;

    public RunLedger(EntityManager em, LedgerSchema schema) {
        this.em = em;
        this.schema = schema;
    }

    /** Applies the events in order and returns how many were new. */
    public int apply(List<Decoded.Event<RunEvent>> events, Instant now) {
        int applied = 0;
        for (Decoded.Event<RunEvent> event : events) {
            RunEvent e = event.value();
            Instant at = OutcomePrecedence.ledgerPrecision(e.at() != null ? e.at() : event.position().timestamp());
            if (RunEventEntity.findById(new RunEventEntity.Key(e.commandId(), at)) != null) {
                continue;
            }
            RunEventEntity trail = new RunEventEntity();
            trail.commandId = e.commandId();
            trail.occurredAt = at;
            trail.runId = e.runId();
            trail.type = typeOf(e);
            trail.recordedAt = now;
            trail.persist();
            RunEntity run = lockRun(e.runId(), now);
            if (e instanceof RunEvent.RunStarted started) {
                applyStarted(run, started, at);
            } else if (e instanceof RunEvent.ManifestCounted counted) {
                applyManifest(counted, at);
            } else if (e instanceof RunEvent.ExtractionFinished) {
                if (run.extractionFinishedAt == null || at.isAfter(run.extractionFinishedAt)) {
                    run.extractionFinishedAt = at;
                }
            } else if (e instanceof RunEvent.RunFinished finished) {
                if (run.finishedAt == null || !at.isBefore(run.finishedAt)) {
                    run.finishedAt = at;
                    run.finishedStatus = finished.status();
                }
            }
            run.updatedAt = now;
            applied++;
        }
        return applied;
    }

    private RunEntity lockRun(String runId, Instant now) {
        RunEntity run = RunEntity.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            em.createNativeQuery(schema.sql(ENSURE_RUN))
                    .setParameter(1, runId)
                    .setParameter(2, now)
                    .executeUpdate();
            run = RunEntity.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        }
        return run;
    }

    private static void applyStarted(RunEntity run, RunEvent.RunStarted started, Instant at) {
        if (run.startedAt != null && !at.isBefore(run.startedAt)) {
            return;
        }
        run.startedAt = at;
        run.mode = started.mode() == null ? null : started.mode().name();
        run.mappingVersion = started.mappingVersion();
        run.resources = started.resources().stream().map(SourceResource::path).toList();
    }

    private static void applyManifest(RunEvent.ManifestCounted counted, Instant at) {
        String resource = counted.resource().path();
        ManifestEntity manifest = ManifestEntity.findById(new ManifestEntity.Key(counted.runId(), resource));
        if (manifest == null) {
            manifest = new ManifestEntity();
            manifest.runId = counted.runId();
            manifest.resource = resource;
            manifest.count = counted.count();
            manifest.deleted = counted.deleted();
            manifest.countedAt = at;
            manifest.persist();
        } else if (!at.isBefore(manifest.countedAt)) {
            manifest.count = counted.count();
            manifest.deleted = counted.deleted();
            manifest.countedAt = at;
        }
    }

    static String typeOf(RunEvent e) {
        if (e instanceof RunEvent.RunStarted) {
            return "RUN_STARTED";
        }
        if (e instanceof RunEvent.ManifestCounted) {
            return "MANIFEST_COUNTED";
        }
        if (e instanceof RunEvent.ExtractionFinished) {
            return "EXTRACTION_FINISHED";
        }
        return "RUN_FINISHED";
    }
}
