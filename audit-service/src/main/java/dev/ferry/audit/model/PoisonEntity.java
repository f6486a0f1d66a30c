package dev.ferry.audit.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message some consumer could not decode or store, once per (consumer, topic, partition, offset). */
@Entity
@Table(name = "poison")
public class PoisonEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The service and channel that refused it. */
    public String consumer;

    public String topic;

    @Column(name = "kafka_partition")
    public int partition;

    @Column(name = "kafka_offset")
    public long offset;

    @Column(name = "record_key")
    public String key;

    public String reason;

    @Column(name = "size_bytes")
    public int sizeBytes;

    @Column(name = "refused_at")
    public Instant refusedAt;

    @Column(name = "recorded_at")
    public Instant recordedAt;
}
