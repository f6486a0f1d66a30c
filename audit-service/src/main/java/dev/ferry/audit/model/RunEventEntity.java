package dev.ferry.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One distinct run event: the trail of a run, and how a redelivered event is recognised. */
@Entity
@Table(name = "run_event")
@IdClass(RunEventEntity.Key.class)
public class RunEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "command_id")
    public String commandId;

    @Id
    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "run_id")
    public String runId;

    /**
     * {@code RUN_STARTED}, {@code MANIFEST_IDS}, {@code MANIFEST_COUNTED}, {@code EXTRACTION_FINISHED},
     * {@code RUN_FINISHED}.
     */
    public String type;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    /** The identity of a run event. */
    public static class Key implements Serializable {
        public String commandId;
        public Instant occurredAt;

        public Key() {
        }

        public Key(String commandId, Instant occurredAt) {
            this.commandId = commandId;
            this.occurredAt = occurredAt;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(commandId, k.commandId) && Objects.equals(occurredAt, k.occurredAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(commandId, occurredAt);
        }
    }
}
