package dev.ferry.extractor.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Where the next delta run of a resource starts reading ({@code updated_since}): the snapshot instant of the last
 * completed run minus the clock-skew margin. Written when a run completes; read by delta runs (a later issue).
 */
@Entity
@Table(name = "delta_watermark")
public class DeltaWatermark extends PanacheEntityBase {

    @Id
    @Column(name = "resource")
    public String resource;

    @Column(name = "watermark", nullable = false)
    public Instant watermark;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
