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
            // Another service's poison record is text like any other: what PostgreSQL cannot store is replaced
            // (LedgerText), so the record of a refusal is never refused itself.
            batch.add(consumer, LedgerText.clean(p.consumer()));
            batch.add(topic, LedgerText.clean(p.topic()));
            batch.add(partition, p.partition());
            batch.add(offset, p.offset());
            batch.add(key, LedgerText.clean(p.key()));
            batch.add(reason, LedgerText.clean(p.reason()));
            batch.add(size, p.sizeBytes());
            boolean storableTime = p.at() != null && !p.at().isBefore(StorableOutcome.EARLIEST)
                    && !p.at().isAfter(StorableOutcome.LATEST);
            batch.add(refusedAt, OutcomePrecedence.ledgerPrecision(storableTime ? p.at() : recordedAt).toString());
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
