package dev.ferry.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A run as the audit knows it: from {@code migration.runs}, or first seen through one of its outcomes. */
@Entity
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    /** From {@code RunStarted}; null until it arrives. */
    public String mode;

    @Column(name = "mapping_version")
    public String mappingVersion;

    /** Resource paths the run covers, from {@code RunStarted}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> resources = new ArrayList<>();

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "extraction_finished_at")
    public Instant extractionFinishedAt;

    /** From {@code RunFinished}. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "finished_status")
    public String finishedStatus;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
