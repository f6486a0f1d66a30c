package dev.ferry.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** How many records the extractor published for one resource of one run ({@code ManifestCounted}). */
@Entity
@Table(name = "manifest")
@IdClass(ManifestEntity.Key.class)
public class ManifestEntity extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    /** The resource's path ({@code patients}). */
    @Id
    public String resource;

    /** Distinct records published for the run, soft-deleted ones included. */
    public long count;

    /** How many of {@link #count} the source reported as soft-deleted. */
    public long deleted;

    /**
     * How many {@code ManifestIds} chunks carry the ids of the {@link #count} records; null when the extractor sent
     * counts only (that resource is reconciled by counts).
     */
    @Column(name = "id_chunks")
    public Integer idChunks;

    @Column(name = "counted_at")
    public Instant countedAt;

    public static List<ManifestEntity> ofRun(String runId) {
        return list("runId", runId);
    }

    /** The identity of a manifest. */
    public static class Key implements Serializable {
        public String runId;
        public String resource;

        public Key() {
        }

        public Key(String runId, String resource) {
            this.runId = runId;
            this.resource = resource;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(resource, k.resource);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, resource);
        }
    }
}
