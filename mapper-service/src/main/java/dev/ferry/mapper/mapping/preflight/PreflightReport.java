package dev.ferry.mapper.mapping.preflight;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Preflight (issue 11 step 3): the confirmed map checked against the Freshsales account as it is now. Passes only when
 * no finding blocks; every finding says what to do. Staff names and e-mails appear in the user checklist (the admin
 * invites them); no patient value appears anywhere.
 *
 * @param mapVersion the confirmed map checked ({@code confirmed/vN}), or null when none is confirmed
 * @param discoveryId the discovery report the counts, attachments and practitioners came from, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreflightReport(String preflightId, Instant createdAt, boolean passed, int blocking, String mapVersion,
        String mapSha256, Instant targetFetchedAt, String discoveryId, List<Finding> findings,
        List<FieldChecklist.Line> fieldChecklist, List<StageCheck.Pipeline> pipelines, OwnerCheck.Owners owners,
        StorageCheck storage, CostEstimate.Estimate cost) {

    /** Everything preflight checks, from what it was given. */
    public static PreflightReport build(String id, Instant now, String mapVersion, CompiledSpec map, TargetView target,
            JsonDiscovery discovery, Optional<String> fallbackOwner, CostEstimate.Model model) {
        List<Finding> findings = new ArrayList<>();
        List<FieldChecklist.Line> fields = FieldChecklist.of(map, discovery.schema(), target);
        findings.addAll(FieldChecklist.findings(fields));
        List<StageCheck.Pipeline> pipelines = StageCheck.of(map, target);
        findings.addAll(StageCheck.findings(pipelines));
        OwnerCheck.Owners owners = OwnerCheck.of(fallbackOwner, discovery.facts(), target);
        findings.addAll(OwnerCheck.findings(owners));
        StorageCheck storage = StorageCheck.of(discovery.facts());
        findings.addAll(storage.findings());
        CostEstimate.Estimate cost = null;
        if (discovery.facts().present()) {
            cost = CostEstimate.of(map, discovery.facts().counts(), model);
            findings.addAll(CostEstimate.findings(cost));
        } else {
            findings.add(Finding.note("budget", "cost and ETA", "not estimated: no discovery report was passed",
                    "pass discovery.json (ferry preflight --discovery) for the calls and the hours the run takes"));
        }
        if (!discovery.facts().present()) {
            findings.add(Finding.note("fields", "custom fields of the practice", "no discovery report was passed:"
                    + " only the fields the map names are checked, not the practice's custom-field keys and modules",
                    "pass discovery.json (ferry preflight --discovery)"));
        }
        return of(id, now, mapVersion, map.sha256(), target.metadata().fetchedAt(), discovery.facts().discoveryId(),
                findings, fields, pipelines, owners, storage, cost);
    }

    /** A preflight that could not check the map: nothing is confirmed (or the confirmed text was changed). */
    public static PreflightReport noMap(String id, Instant now, String problem, String action) {
        return of(id, now, null, null, null, null, List.of(Finding.block("map", "confirmed map", problem, action)),
                List.of(), List.of(), null, null, null);
    }

    private static PreflightReport of(String id, Instant now, String mapVersion, String sha, Instant fetchedAt,
            String discoveryId, List<Finding> findings, List<FieldChecklist.Line> fields,
            List<StageCheck.Pipeline> pipelines, OwnerCheck.Owners owners, StorageCheck storage,
            CostEstimate.Estimate cost) {
        // Blocking findings first, each group in the order the checks ran.
        List<Finding> ordered = new ArrayList<>(findings.stream().filter(Finding::blocking).toList());
        ordered.addAll(findings.stream().filter(f -> !f.blocking()).toList());
        int blocking = (int) findings.stream().filter(Finding::blocking).count();
        return new PreflightReport(id, now, blocking == 0, blocking, mapVersion, sha, fetchedAt, discoveryId,
                List.copyOf(ordered), fields, pipelines, owners, storage, cost);
    }

    /** A discovery report as preflight reads it: its schema (for the checklist) and its facts. */
    public record JsonDiscovery(DiscoveredSchema schema, DiscoveryFacts facts) {
        public static final JsonDiscovery NONE = new JsonDiscovery(DiscoveredSchema.NONE, DiscoveryFacts.NONE);
    }
}
