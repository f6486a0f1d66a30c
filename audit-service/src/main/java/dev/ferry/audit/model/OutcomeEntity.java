package dev.ferry.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import dev.ferry.contracts.OutcomeKind;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One outcome, stored once per idempotency key (command id, kind, attempt). Written in batches by
 * {@code OutcomeLedger} (plain SQL, {@code ON CONFLICT DO NOTHING}); read through this entity.
 */
@Entity
@Table(name = "outcome")
public class OutcomeEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "command_id")
    public String commandId;

    @Enumerated(EnumType.STRING)
    public OutcomeKind kind;

    public int attempt;

    @Column(name = "run_id")
    public String runId;

    /** The resource's path ({@code patients}). */
    public String resource;

    @Column(name = "source_id")
    public String sourceId;

    public int part;

    /** The Freshsales collection's name, when a target was chosen. */
    public String target;

    @Column(name = "freshsales_id")
    public Long freshsalesId;

    /** For UPDATED: the names of the changed fields (their values are not stored). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "changed_fields")
    public List<String> changedFields;

    @Column(name = "rejection_rule")
    public String rejectionRule;

    @Column(name = "rejection_field")
    public String rejectionField;

    @Column(name = "rejection_message")
    public String rejectionMessage;

    @Column(name = "failure_status")
    public Integer failureStatus;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "failure_messages")
    public List<String> failureMessages;

    @Column(name = "failure_cause")
    public String failureCause;

    public String detail;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    @Column(name = "kafka_topic")
    public String kafkaTopic;

    @Column(name = "kafka_partition")
    public int kafkaPartition;

    @Column(name = "kafka_offset")
    public long kafkaOffset;
}
