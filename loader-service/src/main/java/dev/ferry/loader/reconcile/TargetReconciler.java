package dev.ferry.loader.reconcile;

import dev.ferry.loader.store.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reconciles Freshsales against the id ledger (issue 12, layer 3): reads the ledger, reads the target back, compares.
 * Changes nothing, anywhere.
 */
@ApplicationScoped
public class TargetReconciler {

    private final Jdbc jdbc;
    private final WrittenRecords ledger;
    private final TargetScanner scanner;
    private final Clock clock;

    public TargetReconciler(Jdbc jdbc, WrittenRecords ledger, TargetScanner scanner, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.scanner = scanner;
        this.clock = clock;
    }

    /**
     * @param runId the run whose records to check (written last or created by it), or null for every record
     * @param withValues whether drift findings carry expected and actual values (a caller allowed to see them)
     */
    public TargetReconciliation reconcile(String runId, boolean withValues) throws InterruptedException {
        record Ledger(List<WrittenRecord> written, Map<String, Set<String>> known) {
        }
        // The ledger is read before the target: a record written after this read is not expected, and its id is not
        // known yet either, so a record a run is writing right now can show as surplus. Reconcile a finished run.
        Ledger l = jdbc.inTransaction(c -> new Ledger(ledger.inScope(c, runId), ledger.knownDentesIds(c)));
        TargetSnapshot snapshot = scanner.scan(l.written());
        return TargetComparison.compare(runId, clock.instant(), l.written(), l.known(), snapshot, withValues);
    }
}
