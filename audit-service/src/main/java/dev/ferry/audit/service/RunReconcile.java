package dev.ferry.audit.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.audit.client.LoaderTargetClient;
import dev.ferry.audit.config.AuditConfig;
import dev.ferry.audit.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Puts issue 12's three layers of a run side by side: counts and ids from this ledger, the target from the loader's
 * read-back of Freshsales. Reads only; the loader's read-back costs Freshsales calls (it says how many).
 */
@ApplicationScoped
public class RunReconcile {

    private static final Logger LOG = Logger.getLogger(RunReconcile.class);

    private final AuditQueries queries;
    private final AuditConfig.Reconcile config;
    private final Optional<LoaderTargetClient> loader;
    private final Clock clock;

    @Inject
    public RunReconcile(AuditQueries queries, AuditConfig config, AuthConfig auth, Clock clock) {
        this(queries, config.reconcile(), config.reconcile().loaderUrl().filter(u -> !u.isBlank())
                .map(u -> new LoaderTargetClient(u, config.reconcile().timeout(), auth.serviceToken())), clock);
    }

    RunReconcile(AuditQueries queries, AuditConfig.Reconcile config, Optional<LoaderTargetClient> loader,
            Clock clock) {
        this.queries = queries;
        this.config = config;
        this.loader = loader;
        this.clock = clock;
    }

    public ReconcileReport reconcile(String runId) throws InterruptedException {
        RunReconciliation counts = queries.reconciliation(runId);
        List<ReconcileReport.ResourceIds> ids = new ArrayList<>();
        for (ResourceReconciliation r : counts.resources()) {
            boolean byWholeIds = ResourceReconciliation.BY_IDS.equals(r.reconciledBy()) && r.missing() != null;
            if (!byWholeIds || (r.missing() == 0 && (r.surplus() == null || r.surplus() == 0))) {
                continue;
            }
            List<ReconcileReport.IdState> missing = new ArrayList<>();
            List<ReconcileReport.IdState> surplus = new ArrayList<>();
            boolean truncated = collect(runId, r.resource(), Bucket.MISSING, missing)
                    | collect(runId, r.resource(), Bucket.SURPLUS, surplus);
            ids.add(new ReconcileReport.ResourceIds(r.resource(), missing, surplus, truncated));
        }
        JsonNode target = null;
        String unavailable = null;
        if (loader.isEmpty()) {
            unavailable = "ferry.audit.reconcile.loader-url is not set: Freshsales was not read back";
        } else {
            try {
                target = loader.get().reconcile(runId);
            } catch (LoaderTargetClient.Unavailable e) {
                unavailable = e.getMessage();
                LOG.warnf("reconciliation of run %s: layer 3 missing: %s", runId, unavailable);
            }
        }
        long findings = counts.unaccounted() + counts.surplus()
                + (target == null ? 0 : target.path("findings").size());
        boolean clean = counts.balanced() && ids.isEmpty() && target != null && target.path("clean").asBoolean(false);
        return new ReconcileReport(runId, clock.instant(), clean, findings, counts, ids, target, unavailable);
    }

    /** Pages through one bucket up to the configured number of ids; true when there were more. */
    private boolean collect(String runId, String resource, Bucket bucket, List<ReconcileReport.IdState> out) {
        int size = 100;
        for (int page = 0; ; page++) {
            PageView<RecordEntry> p = queries.bucket(runId, resource, bucket.urlName(), page, size);
            for (RecordEntry e : p.items()) {
                if (out.size() >= config.maxIds()) {
                    return true;
                }
                out.add(new ReconcileReport.IdState(e.sourceId(), e.kind() == null ? null : e.kind().name(),
                        e.freshsalesId()));
            }
            if ((long) (page + 1) * size >= p.total() || p.items().isEmpty()) {
                return false;
            }
        }
    }
}
