package dev.ferry.audit.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Writes a batch of outcomes into the ledger, inside the caller's transaction, with three statements whatever the
 * batch size: the runs first seen, the outcomes themselves, and the record states they move.
 *
 * <p>Plain SQL rather than {@code persist()}: {@code ON CONFLICT DO NOTHING} keeps replays idempotent without a read
 * per message, and a failed {@code persist()} of a duplicate would abort the whole transaction.
 */
@ApplicationScoped
public class OutcomeLedger {

    private static final String INSERT_RUNS = """
            INSERT INTO {schema}.run (run_id, first_seen_at, updated_at)
            SELECT r, ?::timestamptz, ?::timestamptz FROM unnest(?::text[]) AS r
            ON CONFLICT (run_id) DO NOTHING""";

    private static final String INSERT_OUTCOMES = """
            INSERT INTO {schema}.outcome (recorded_at, command_id, kind, attempt, run_id, resource, source_id, part,
                target, freshsales_id, changed_fields, rejection_rule, rejection_field, rejection_message,
                failure_status, failure_messages, failure_cause, detail, occurred_at, kafka_topic, kafka_partition,
                kafka_offset, document)
            SELECT ?::timestamptz, u.* FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                ?::int[], ?::text[], ?::bigint[], ?::jsonb[], ?::text[], ?::text[], ?::text[], ?::int[], ?::jsonb[],
                ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::int[], ?::bigint[], ?::jsonb[]) AS u
            ON CONFLICT ON CONSTRAINT outcome_idempotency DO NOTHING
            RETURNING command_id, kind, attempt""";

    // The WHERE clause is OutcomePrecedence.ORDER in SQL: the stored state moves only to a greater candidate.
    private static final String UPSERT_STATES = """
            INSERT INTO {schema}.record_state AS cur (updated_at, run_id, resource, source_id, command_id, kind,
                kind_rank, terminal, attempt, occurred_at, freshsales_id)
            SELECT ?::timestamptz, u.* FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::smallint[], ?::boolean[], ?::int[], ?::timestamptz[], ?::bigint[]) AS u
            ON CONFLICT (run_id, resource, source_id) DO UPDATE SET
                command_id = EXCLUDED.command_id, kind = EXCLUDED.kind, kind_rank = EXCLUDED.kind_rank,
                terminal = EXCLUDED.terminal, attempt = EXCLUDED.attempt, occurred_at = EXCLUDED.occurred_at,
                freshsales_id = EXCLUDED.freshsales_id, updated_at = EXCLUDED.updated_at
            WHERE (EXCLUDED.terminal, EXCLUDED.occurred_at, EXCLUDED.attempt, EXCLUDED.kind_rank,
                   EXCLUDED.command_id COLLATE "C")
                > (cur.terminal, cur.occurred_at, cur.attempt, cur.kind_rank, cur.command_id COLLATE "C")""";

    /**
     * What a batch did to the ledger.
     *
     * @param received outcomes in the batch
     * @param inserted outcomes stored for the first time
     * @param statesOffered records whose state the batch offered a new candidate
     */
    public record Stored(int received, int inserted, int statesOffered) {
        public int duplicates() {
            return received - inserted;
        }
    }

    /** An outcome with its identity, its normalised time and where it was read. */
    record Row(LoadOutcome outcome, Instant occurredAt, InboundPosition position) {
        String idempotencyKey() {
            return outcome.commandId() + '\u001f' + outcome.kind() + '\u001f' + outcome.attempt();
        }
    }

    private final EntityManager em;
    private final LedgerSchema schema;

    public OutcomeLedger(EntityManager em, LedgerSchema schema) {
        this.em = em;
        this.schema = schema;
    }

    /**
     * Stores the outcomes and moves their records' states; must run inside a transaction. Only outcomes stored now
     * offer their record a new state, so a record's state is always the greatest of its stored outcomes: a re-emitted
     * outcome whose key is already stored (even with another time) changes nothing.
     */
    public Stored store(List<Decoded.Event<LoadOutcome>> events, Instant recordedAt) {
        if (events.isEmpty()) {
            return new Stored(0, 0, 0);
        }
        List<Row> rows = distinctRows(events);
        int[] counts = new int[2];
        em.unwrap(Session.class).doWork(connection -> {
            insertRuns(connection, rows, recordedAt);
            Set<String> inserted = insertOutcomes(connection, rows, recordedAt);
            insertBeforeImages(connection, rows, inserted);
            Map<RecordKey, StateCandidate> winners = new TreeMap<>();
            for (Row row : rows) {
                if (row.outcome().part() == 0 && inserted.contains(row.idempotencyKey())) {
                    StateCandidate candidate = candidate(row);
                    winners.merge(candidate.key(), candidate, OutcomePrecedence::winner);
                }
            }
            upsertStates(connection, winners.values(), recordedAt);
            counts[0] = inserted.size();
            counts[1] = winners.size();
        });
        return new Stored(events.size(), counts[0], counts[1]);
    }

    /** The state candidate an outcome offers its record; public for the precedence tests. */
    public static StateCandidate candidate(LoadOutcome outcome, Instant occurredAt) {
        return new StateCandidate(new RecordKey(outcome.runId(), outcome.resource().path(), outcome.sourceId()),
                outcome.commandId(), outcome.kind(), outcome.attempt(), OutcomePrecedence.ledgerPrecision(occurredAt),
                outcome.freshsalesId());
    }

    private static StateCandidate candidate(Row row) {
        return candidate(row.outcome(), row.occurredAt());
    }

    /**
     * The outcome as stored: made storable ({@link StorableOutcome}: text PostgreSQL refuses replaced, the detail
     * saying so), and a missing or unstorable occurredAt replaced by the Kafka timestamp, so the outcome still counts,
     * at about the right time.
     */
    static Row normalise(Decoded.Event<LoadOutcome> event) {
        StorableOutcome.Result storable = StorableOutcome.of(event.value(), event.position().timestamp());
        return new Row(storable.outcome(), storable.occurredAt(), event.position());
    }

    private void insertRuns(Connection connection, Iterable<Row> rows, Instant now) throws SQLException {
        TreeSet<String> runIds = new TreeSet<>();
        rows.forEach(r -> runIds.add(r.outcome().runId()));
        try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT_RUNS))) {
            ps.setString(1, now.toString());
            ps.setString(2, now.toString());
            ps.setArray(3, connection.createArrayOf("text", runIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Inserts the rows not stored yet and returns their idempotency keys. */
    private Set<String> insertOutcomes(Connection connection, Iterable<Row> rows, Instant now) throws SQLException {
        ColumnBatch batch = new ColumnBatch();
        int commandId = batch.column("text");
        int kind = batch.column("text");
        int attempt = batch.column("int4");
        int runId = batch.column("text");
        int resource = batch.column("text");
        int sourceId = batch.column("text");
        int part = batch.column("int4");
        int target = batch.column("text");
        int freshsalesId = batch.column("int8");
        int changedFields = batch.column("text");
        int rejectionRule = batch.column("text");
        int rejectionField = batch.column("text");
        int rejectionMessage = batch.column("text");
        int failureStatus = batch.column("int4");
        int failureMessages = batch.column("text");
        int failureCause = batch.column("text");
        int detail = batch.column("text");
        int occurredAt = batch.column("text");
        int topic = batch.column("text");
        int partition = batch.column("int4");
        int offset = batch.column("int8");
        int document = batch.column("text");
        for (Row row : rows) {
            LoadOutcome o = row.outcome();
            batch.add(commandId, o.commandId());
            batch.add(kind, o.kind().name());
            batch.add(attempt, o.attempt());
            batch.add(runId, o.runId());
            batch.add(resource, o.resource().path());
            batch.add(sourceId, o.sourceId());
            batch.add(part, o.part());
            batch.add(target, o.target() == null ? null : o.target().path());
            batch.add(freshsalesId, o.freshsalesId());
            batch.add(changedFields, json(o.changedFields()));
            batch.add(rejectionRule, o.rejection() == null ? null : o.rejection().rule());
            batch.add(rejectionField, o.rejection() == null ? null : o.rejection().field());
            batch.add(rejectionMessage, o.rejection() == null ? null : o.rejection().message());
            batch.add(failureStatus, o.failure() == null ? null : o.failure().httpStatus());
            batch.add(failureMessages, o.failure() == null ? null : json(o.failure().messages()));
            batch.add(failureCause, o.failure() == null ? null : o.failure().cause());
            batch.add(detail, o.detail());
            batch.add(occurredAt, row.occurredAt().toString());
            batch.add(topic, row.position().topic());
            batch.add(partition, row.position().partition());
            batch.add(offset, row.position().offset());
            batch.add(document, o.document() == null ? null : o.document().toString());
        }
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT_OUTCOMES))) {
            ps.setString(1, now.toString());
            batch.bind(connection, ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1) + '\u001f' + rs.getString(2) + '\u001f' + rs.getInt(3));
                }
            }
        }
        return inserted;
    }

    private static final String INSERT_IMAGE = """
            INSERT INTO {schema}.rollback_image (command_id, attempt, run_id, resource, source_id, part, freshsales_id,
                before_image, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz)
            ON CONFLICT (command_id, attempt) DO NOTHING""";

    /**
     * The before-images of the UPDATED outcomes stored now go into {@code rollback_image}, which only the rollback
     * reads; the outcome row itself keeps field names only. An image PostgreSQL would refuse (a NUL character) is not
     * kept: that record's rollback then leaves it alone, its earlier values unknown.
     */
    private void insertBeforeImages(Connection connection, List<Row> rows, Set<String> inserted) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(schema.sql(INSERT_IMAGE))) {
            int n = 0;
            for (Row row : rows) {
                LoadOutcome o = row.outcome();
                if (o.kind() != dev.ferry.contracts.OutcomeKind.UPDATED || o.beforeImage() == null
                        || o.beforeImage().isEmpty() || !inserted.contains(row.idempotencyKey())) {
                    continue;
                }
                String image = FerryJson.encodeToString(o.beforeImage());
                if (image.contains("\\u0000")) {
                    continue;
                }
                ps.setString(1, o.commandId());
                ps.setInt(2, o.attempt());
                ps.setString(3, o.runId());
                ps.setString(4, o.resource().path());
                ps.setString(5, o.sourceId());
                ps.setInt(6, o.part());
                ps.setObject(7, o.freshsalesId());
                ps.setString(8, image);
                ps.setString(9, row.occurredAt().toString());
                ps.addBatch();
                n++;
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    private void upsertStates(Connection connection, Iterable<StateCandidate> winners, Instant now)
            throws SQLException {
        ColumnBatch batch = new ColumnBatch();
        int runId = batch.column("text");
        int resource = batch.column("text");
        int sourceId = batch.column("text");
        int commandId = batch.column("text");
        int kind = batch.column("text");
        int kindRank = batch.column("int2");
        int terminal = batch.column("bool");
        int attempt = batch.column("int4");
        int occurredAt = batch.column("text");
        int freshsalesId = batch.column("int8");
        // TreeMap order: rows are locked in key order, so concurrent batches cannot deadlock on each other.
        for (StateCandidate c : winners) {
            batch.add(runId, c.key().runId());
            batch.add(resource, c.key().resource());
            batch.add(sourceId, c.key().sourceId());
            batch.add(commandId, c.commandId());
            batch.add(kind, c.kind().name());
            batch.add(kindRank, (short) OutcomePrecedence.kindRank(c.kind()));
            batch.add(terminal, c.kind().isTerminal());
            batch.add(attempt, c.attempt());
            batch.add(occurredAt, c.occurredAt().toString());
            batch.add(freshsalesId, c.freshsalesId());
        }
        if (batch.rows() == 0) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(schema.sql(UPSERT_STATES))) {
            ps.setString(1, now.toString());
            batch.bind(connection, ps, 2);
            ps.executeUpdate();
        }
    }

    private static String json(List<String> values) {
        try {
            return FerryJson.mapper().writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings did not encode", e);
        }
    }

    /**
     * The rows a batch stores, in idempotency-key order: the first copy of a key in the batch wins, as the first
     * stored copy does across batches.
     */
    static List<Row> distinctRows(List<Decoded.Event<LoadOutcome>> events) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Decoded.Event<LoadOutcome> event : events) {
            Row row = normalise(event);
            rows.putIfAbsent(row.idempotencyKey(), row);
        }
        // Inserted in key order: two concurrent batches with overlapping keys then wait on each other in the same
        // order instead of deadlocking on the unique index.
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(Row::idempotencyKey));
        return sorted;
    }
}
