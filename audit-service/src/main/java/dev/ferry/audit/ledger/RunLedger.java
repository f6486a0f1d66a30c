package dev.ferry.audit.ledger;

import dev.ferry.audit.model.ManifestEntity;
import dev.ferry.audit.model.RunEntity;
import dev.ferry.audit.model.RunEventEntity;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Applies run lifecycle events to runs and manifests, inside the caller's transaction. Each event is applied so that
 * replays and reordering cannot move a run backwards: the earliest {@code RunStarted} wins, the latest
 * {@code ManifestCounted} per resource wins, and the latest {@code ExtractionFinished} and {@code RunFinished} win.
 * {@code ManifestIds} chunks add their ids to the manifest's id set (each id once, whatever the replays) and record
 * that the chunk arrived. Text PostgreSQL cannot store is replaced ({@link LedgerText}), and a time it cannot store is
 * replaced by the Kafka timestamp, so a decoded event is always applied.
 */
@ApplicationScoped
public class RunLedger {

    // The outcome consumer may create the same run row at the same moment; this never fails on that race.
    private static final String ENSURE_RUN = """
            INSERT INTO {schema}.run (run_id, first_seen_at, updated_at) VALUES (?1, ?2, ?2)
            ON CONFLICT (run_id) DO NOTHING""";

    private static final String INSERT_CHUNK = """
            INSERT INTO {schema}.manifest_id_chunk (run_id, resource, chunks, chunk, ids, received_at)
            VALUES (?, ?, ?, ?, ?, ?::timestamptz)
            ON CONFLICT DO NOTHING""";

    // Sorted, so two transactions adding overlapping ids lock them in the same order.
    private static final String INSERT_IDS = """
            INSERT INTO {schema}.manifest_id (run_id, resource, source_id)
            SELECT ?, ?, u.id FROM unnest(?::text[]) AS u(id) ORDER BY u.id COLLATE "C"
            ON CONFLICT DO NOTHING""";

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
            Instant at = storableTime(e.at(), event.position().timestamp());
            String commandId = LedgerText.clean(e.commandId());
            String runId = LedgerText.clean(e.runId());
            if (RunEventEntity.findById(new RunEventEntity.Key(commandId, at)) != null) {
                continue;
            }
            RunEventEntity trail = new RunEventEntity();
            trail.commandId = commandId;
            trail.occurredAt = at;
            trail.runId = runId;
            trail.type = typeOf(e);
            trail.recordedAt = now;
            trail.persist();
            RunEntity run = lockRun(runId, now);
            if (e instanceof RunEvent.RunStarted started) {
                applyStarted(run, started, at);
            } else if (e instanceof RunEvent.ManifestCounted counted) {
                applyManifest(runId, counted, at);
            } else if (e instanceof RunEvent.ManifestIds ids) {
                applyIds(runId, ids, now);
            } else if (e instanceof RunEvent.ExtractionFinished) {
                if (run.extractionFinishedAt == null || at.isAfter(run.extractionFinishedAt)) {
                    run.extractionFinishedAt = at;
                }
            } else if (e instanceof RunEvent.RunFinished finished) {
                if (run.finishedAt == null || !at.isBefore(run.finishedAt)) {
                    run.finishedAt = at;
                    run.finishedStatus = LedgerText.clean(finished.status());
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
        run.mappingVersion = LedgerText.clean(started.mappingVersion());
        run.resources = started.resources().stream().map(SourceResource::path).toList();
    }

    private static void applyManifest(String runId, RunEvent.ManifestCounted counted, Instant at) {
        String resource = counted.resource().path();
        ManifestEntity manifest = ManifestEntity.findById(new ManifestEntity.Key(runId, resource));
        if (manifest == null) {
            manifest = new ManifestEntity();
            manifest.runId = runId;
            manifest.resource = resource;
            manifest.count = counted.count();
            manifest.deleted = counted.deleted();
            manifest.idChunks = counted.idChunks();
            manifest.countedAt = at;
            manifest.persist();
        } else if (!at.isBefore(manifest.countedAt)) {
            manifest.count = counted.count();
            manifest.deleted = counted.deleted();
            manifest.idChunks = counted.idChunks();
            manifest.countedAt = at;
        }
    }

    /** Adds a chunk's ids to the manifest's id set and notes that the chunk arrived; replays change nothing. */
    private void applyIds(String runId, RunEvent.ManifestIds chunk, Instant now) {
        String resource = chunk.resource().path();
        String[] ids = new TreeSet<>(LedgerText.clean(chunk.ids())).toArray(String[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT_CHUNK))) {
                ps.setString(1, runId);
                ps.setString(2, resource);
                ps.setInt(3, chunk.chunks());
                ps.setInt(4, chunk.chunk());
                ps.setInt(5, ids.length);
                ps.setString(6, now.toString());
                ps.executeUpdate();
            }
            if (ids.length > 0) {
                try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT_IDS))) {
                    ps.setString(1, runId);
                    ps.setString(2, resource);
                    ps.setArray(3, connection.createArrayOf("text", ids));
                    ps.executeUpdate();
                }
            }
        });
    }

    /** The event's time at ledger precision; a missing one, or one PostgreSQL cannot store, is the Kafka timestamp. */
    private static Instant storableTime(Instant at, Instant kafkaTimestamp) {
        boolean storable = at != null && !at.isBefore(StorableOutcome.EARLIEST) && !at.isAfter(StorableOutcome.LATEST);
        return OutcomePrecedence.ledgerPrecision(storable ? at : kafkaTimestamp);
    }

    static String typeOf(RunEvent e) {
        if (e instanceof RunEvent.RunStarted) {
            return "RUN_STARTED";
        }
        if (e instanceof RunEvent.ManifestCounted) {
            return "MANIFEST_COUNTED";
        }
        if (e instanceof RunEvent.ManifestIds) {
            return "MANIFEST_IDS";
        }
        if (e instanceof RunEvent.ExtractionFinished) {
            return "EXTRACTION_FINISHED";
        }
        return "RUN_FINISHED";
    }
}
