package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.audit.document.HtmlRenderer;
import dev.ferry.audit.document.MarkdownRenderer;
import dev.ferry.audit.document.Outline;
import dev.ferry.audit.document.RebuildOutlines;
import dev.ferry.audit.ledger.LedgerSchema;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The workflows and integrations rebuild documents of a run (issue 10), rendered on request from the entries stored
 * with their DOCUMENTED outcomes: one entry per record (the latest, should a record have been documented twice), in
 * source-id order. They hold no patient value and no credential (the mapper builds entries from the published fields,
 * and the extractor never publishes credentials).
 */
@ApplicationScoped
public class RebuildDocuments {

    /** The two documents, by the name used in the URL and in the demo's output files. */
    public enum Kind {
        WORKFLOWS(SourceResource.WORKFLOWS),
        INTEGRATIONS(SourceResource.INTEGRATIONS);

        private final SourceResource resource;

        Kind(SourceResource resource) {
            this.resource = resource;
        }

        public String urlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> fromUrlName(String name) {
            for (Kind k : values()) {
                if (k.urlName().equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** The two renderings. */
    public enum Format { MARKDOWN, HTML }

    private static final String ENTRIES = """
            SELECT DISTINCT ON (source_id) document::text
            FROM {schema}.outcome
            WHERE run_id = ? AND resource = ? AND kind = 'DOCUMENTED' AND document IS NOT NULL
            ORDER BY source_id, occurred_at DESC, id DESC""";

    private static final String RUN_EXISTS = "SELECT 1 FROM {schema}.run WHERE run_id = ?";

    private final AgroalDataSource dataSource;
    private final LedgerSchema schema;

    public RebuildDocuments(AgroalDataSource dataSource, LedgerSchema schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** The document of a run; {@link NotFound} for a run the audit never heard of. */
    public String render(String runId, Kind kind, Format format) {
        List<JsonNode> entries = entries(runId, kind.resource);
        Outline outline = kind == Kind.WORKFLOWS ? RebuildOutlines.workflows(runId, entries)
                : RebuildOutlines.integrations(runId, entries);
        return format == Format.HTML ? HtmlRenderer.render(outline) : MarkdownRenderer.render(outline);
    }

    private List<JsonNode> entries(String runId, SourceResource resource) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(schema.sql(RUN_EXISTS))) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFound("no run " + runId);
                    }
                }
            }
            List<JsonNode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(schema.sql(ENTRIES))) {
                ps.setString(1, runId);
                ps.setString(2, resource.path());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(FerryJson.mapper().readTree(rs.getString(1)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("the audit ledger could not be read (SQLSTATE " + e.getSQLState() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("a stored rebuild entry is not JSON");
        }
    }
}
