package dev.ferry.audit.ledger;

import dev.ferry.contracts.PoisonRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Records poison messages, once per (consumer, topic, partition, offset): the audit's own poison arrives twice (stored
 * with its batch, then read back from {@code ferry.poison}) and every producer may re-publish after a crash.
 */
@ApplicationScoped
public class PoisonLedger {

    private static final String INSERT = """
            INSERT INTO {schema}.poison (recorded_at, consumer, topic, kafka_partition, kafka_offset, record_key,
                reason, size_bytes, refused_at)
            SELECT ?::timestamptz, u.* FROM unnest(?::text[], ?::text[], ?::int[], ?::bigint[], ?::text[], ?::text[],
                ?::int[], ?::timestamptz[]) AS u
            ON CONFLICT ON CONSTRAINT poison_once DO NOTHING""";

    private final EntityManager em;
    private final LedgerSchema schema;

    public PoisonLedger(EntityManager em, LedgerSchema schema) {
        this.em = em;
        this.schema = schema;
    }

    /** Stores the records not stored yet and returns how many were new; must run inside a transaction. */
    public int store(List<PoisonRecord> poisons, Instant recordedAt) {
        if (poisons.isEmpty()) {
            return 0;
        }
        ColumnBatch batch = new ColumnBatch();
        int consumer = batch.column("text");
        int topic = batch.column("text");
        int partition = batch.column("int4");
        int offset = batch.column("int8");
        int key = batch.column("text");
        int reason = batch.column("text");
        int size = batch.column("int4");
        int refusedAt = batch.column("text");
        for (PoisonRecord p : poisons) {
            batch.add(consumer, p.consumer());
            batch.add(topic, p.topic());
            batch.add(partition, p.partition());
            batch.add(offset, p.offset());
            batch.add(key, p.key());
            batch.add(reason, p.reason());
            batch.add(size, p.sizeBytes());
            batch.add(refusedAt, OutcomePrecedence.ledgerPrecision(p.at() != null ? p.at() : recordedAt).toString());
        }
        int[] inserted = new int[1];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT))) {
                ps.setString(1, recordedAt.toString());
                batch.bind(connection, ps, 2);
                inserted[0] = ps.executeUpdate();
            }
        });
        return inserted[0];
    }
}
