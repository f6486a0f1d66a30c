package dev.ferry.extractor.store;

import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Delta runs in PostgreSQL: created together with the range each resource reads (issue 12). */
@ApplicationScoped
public class DeltaStore {

    @Inject
    RunStore runs;

    /**
     * Creates a DELTA run and fixes each resource's {@code updated_since} from the delta watermark of this moment, in
     * one transaction: a run never exists without its range.
     */
    @Transactional
    public void create(String runId, String mappingVersion, String mapSha256, List<RunStore.PlannedResource> planned) {
        runs.create(runId, RunMode.DELTA, mappingVersion, mapSha256, planned);
        for (RunStore.PlannedResource p : planned) {
            DeltaWatermark w = DeltaWatermark.findById(p.resource().path());
            DeltaScope scope = new DeltaScope();
            scope.runId = runId;
            scope.resource = p.resource().path();
            scope.updatedSince = w == null ? null : w.watermark;
            scope.watermarkRun = w == null ? null : w.runId;
            scope.persist();
        }
    }

    /**
     * Where a resource of a run starts reading: empty for a run that is no delta or a resource no run completed yet
     * (both read the whole resource).
     */
    @Transactional
    public Optional<Instant> since(String runId, SourceResource resource) {
        DeltaScope scope = DeltaScope.findById(new DeltaScope.Key(runId, resource.path()));
        return scope == null ? Optional.empty() : Optional.ofNullable(scope.updatedSince);
    }
}
