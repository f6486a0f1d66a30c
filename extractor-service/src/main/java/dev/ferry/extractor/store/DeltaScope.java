package dev.ferry.extractor.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * Where one resource of a DELTA run starts reading (table {@code delta_scope}): the delta watermark when the run was
 * created, so every attempt of the run reads the same range.
 */
@Entity
@Table(name = "delta_scope")
@IdClass(DeltaScope.Key.class)
public class DeltaScope extends PanacheEntityBase {

    /** Primary key: run and resource. */
    public record Key(String runId, String resource) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    @Column(name = "resource")
    public String resource;

    /** Inclusive lower bound on {@code updated_at}; null: the whole resource (no run has completed it). */
    @Column(name = "updated_since")
    public Instant updatedSince;

    /** The run whose completion set that watermark; null with it. */
    @Column(name = "watermark_run")
    public String watermarkRun;
}
