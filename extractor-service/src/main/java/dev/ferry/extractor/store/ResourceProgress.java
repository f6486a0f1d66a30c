package dev.ferry.extractor.store;

import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.model.ResourceState;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * One resource of one run (table {@code run_resource}). The page grid and the invalid-record count are written by the
 * record ledger in the page transactions, so this entity reads them but never writes them.
 */
@Entity
@Table(name = "run_resource")
@IdClass(ResourceProgress.Key.class)
public class ResourceProgress extends PanacheEntityBase {

    /** Primary key: run and resource. */
    public record Key(String runId, String resource) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "run_id")
    public String runId;

    /** The contract's resource name ({@link SourceResource#path()}). */
    @Id
    @Column(name = "resource")
    public String resource;

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "level", nullable = false)
    public int level;

    @Column(name = "source_path", nullable = false)
    public String sourcePath;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false)
    public ResourceState state;

    @Column(name = "page_size", insertable = false, updatable = false)
    public Integer pageSize;

    @Column(name = "total_pages", insertable = false, updatable = false)
    public Integer totalPages;

    @Column(name = "reported_total", insertable = false, updatable = false)
    public Long reportedTotal;

    @Column(name = "invalid_records", insertable = false, updatable = false)
    public long invalidRecords;

    @Column(name = "verification_rounds", nullable = false)
    public int verificationRounds;

    @Column(name = "manifest_count")
    public Long manifestCount;

    @Column(name = "manifest_deleted")
    public Long manifestDeleted;

    @Column(name = "unverified_tail", nullable = false)
    public long unverifiedTail;

    @Column(name = "failure_reason")
    public String failureReason;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public SourceResource sourceResource() {
        return SourceResource.fromPath(resource);
    }

    public void moveTo(ResourceState target) {
        state = state.moveTo(target);
    }
}
