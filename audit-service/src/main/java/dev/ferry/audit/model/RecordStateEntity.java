package dev.ferry.audit.model;

import dev.ferry.contracts.OutcomeKind;
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
import java.util.Objects;

/**
 * A record's current state in a run: the winning outcome of its main write (part 0) under
 * {@code OutcomePrecedence}. The outcome's details are joined from {@link OutcomeEntity} by its idempotency key.
 */
@Entity
@Table(name = "record_state")
@IdClass(RecordStateEntity.Key.class)
public class RecordStateEntity extends PanacheEntityBase {

    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String resource;

    @Id
    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "command_id")
    public String commandId;

    @Enumerated(EnumType.STRING)
    public OutcomeKind kind;

    @Column(name = "kind_rank")
    public short kindRank;

    public boolean terminal;

    public int attempt;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "freshsales_id")
    public Long freshsalesId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The identity of a record within a run. */
    public static class Key implements Serializable {
        public String runId;
        public String resource;
        public String sourceId;

        public Key() {
        }

        public Key(String runId, String resource, String sourceId) {
            this.runId = runId;
            this.resource = resource;
            this.sourceId = sourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(resource, k.resource)
                    && Objects.equals(sourceId, k.sourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, resource, sourceId);
        }
    }
}
