package dev.ferry.loader.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Layer 3 of issue 12's reconciliation: what Freshsales holds against what Ferry last wrote.
 *
 * @param runId the run whose records were checked (written last or created by it); null for every run
 * @param generatedAt when the read-back ended
 * @param records records Ferry wrote in scope
 * @param checked how many of them could be compared (documents cannot)
 * @param calls Freshsales calls the read-back made, all under the shared budget
 * @param valuesShown whether {@code findings[].values} may hold values (a caller with {@code ferry-auditor} that asked)
 * @param clean no finding
 * @param counts findings per kind
 * @param targets per collection: how it was read, how many records
 * @param findings every finding, by kind, collection and record
 */
public record TargetReconciliation(String runId, Instant generatedAt, long records, long checked, long calls,
        boolean valuesShown, boolean clean, Map<FindingKind, Long> counts, List<TargetSummary> targets,
        List<TargetFinding> findings) {

    public TargetReconciliation {
        counts = counts == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
        targets = targets == null ? List.of() : List.copyOf(targets);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
