package dev.ferry.audit.service;

import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hibernate.Session;

/**
 * The records of a resource whose last outcome is not a terminal success (issue 12, delta): what a delta run re-reads
 * besides what changed since its watermark, because a watermark never skips a failure.
 *
 * <p>A record's "last" run is the newest run (started, else first seen) that counted it in a manifest or holds a state
 * for it; it is unsettled when that run has no state for it yet, or its state is not terminal, or its terminal kind
 * is a failure ({@code REJECTED}, {@code FAILED}). Ids only, never record content.
 */
@ApplicationScoped
public class UnsettledRecords {

    /** The answer: a resource's unsettled source ids, in the ledger's order (collation "C"). */
    public record Answer(String resource, List<String> ids) {
    }

    private static final String QUERY = """
            WITH seen AS (
                SELECT run_id, source_id FROM {schema}.manifest_id WHERE resource = ?
                UNION
                SELECT run_id, source_id FROM {schema}.record_state WHERE resource = ?
            ), latest AS (
                SELECT DISTINCT ON (seen.source_id) seen.source_id, seen.run_id
                FROM seen JOIN {schema}.run r ON r.run_id = seen.run_id
                ORDER BY seen.source_id, coalesce(r.started_at, r.first_seen_at) DESC, r.run_id DESC
            )
            SELECT l.source_id FROM latest l
            LEFT JOIN {schema}.record_state s
              ON s.run_id = l.run_id AND s.resource = ? AND s.source_id = l.source_id
            WHERE s.source_id IS NULL OR NOT s.terminal OR NOT (s.kind = ANY(?))
            ORDER BY l.source_id""";

    private final EntityManager em;
    private final LedgerSchema schema;

    public UnsettledRecords(EntityManager em, LedgerSchema schema) {
        this.em = em;
        this.schema = schema;
    }

    @Transactional
    public Answer of(String resourcePath) {
        SourceResource resource;
        try {
            resource = SourceResource.fromPath(resourcePath);
        } catch (IllegalArgumentException e) {
            throw new NotFound("no resource " + resourcePath);
        }
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
        String[] success = Arrays.stream(OutcomeKind.values()).filter(OutcomeKind::isSuccess).map(Enum::name)
                .toArray(String[]::new);
        List<String> ids = new ArrayList<>();
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(schema.sql(QUERY))) {
                ps.setString(1, resource.path());
                ps.setString(2, resource.path());
                ps.setString(3, resource.path());
                ps.setArray(4, c.createArrayOf("text", success));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
        });
        return new Answer(resource.path(), ids);
    }
}
