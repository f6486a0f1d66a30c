package dev.ferry.extractor.store;

import dev.ferry.contracts.RunMode;
import dev.ferry.extractor.model.RunState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One extraction run (table {@code extraction_run}). Changed only through {@link RunStore}. */
@Entity
@Table(name = "extraction_run")
public class ExtractionRun extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Enumerated(EnumType.STRING)
    @Column(name = "mode", nullable = false)
    public RunMode mode;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    public RunState state;

    @Column(name = "mapping_version", nullable = false)
    public String mappingVersion;

    /** The sha256 of the confirmed map the run was started on (issue 11); null with the map gate off. */
    @Column(name = "map_sha256")
    public String mapSha256;

    @Column(name = "snapshot_at")
    public Instant snapshotAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "run_started_published", nullable = false)
    public boolean runStartedPublished;

    @Column(name = "extraction_finished_published", nullable = false)
    public boolean extractionFinishedPublished;

    public void moveTo(RunState target) {
        state = state.moveTo(target);
    }
}
