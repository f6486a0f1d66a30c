package dev.ferry.mapper.service;

import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.messaging.PoisonReporter;
import dev.ferry.mapper.store.RunStore;
import dev.ferry.mapper.store.UnreadableStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code migration.runs}: records run starts and manifests, which decide when held records can be mapped, and wakes
 * the releaser. Every event is idempotent (a replayed RUN_STARTED or MANIFEST_COUNTED writes the same row again).
 */
@ApplicationScoped
public class RunEventHandler {

    private static final Logger LOG = Logger.getLogger(RunEventHandler.class);

    private final RunStore runs;
    private final RunContexts contexts;
    private final SpecRegistry specs;
    private final PendingReleaser releaser;
    private final PoisonReporter poison;

    @Inject
    UnreadableStore unreadable;

    @Inject
    UnreadableSettler settler;

    public RunEventHandler(RunStore runs, RunContexts contexts, SpecRegistry specs, PendingReleaser releaser,
            PoisonReporter poison) {
        this.runs = runs;
        this.contexts = contexts;
        this.specs = specs;
        this.releaser = releaser;
        this.poison = poison;
    }

    public void accept(byte[] value, RecordIntake.Origin origin) {
        RunEvent event;
        try {
            event = FerryJson.decode(value, RunEvent.class);
            if (event.runId() == null || event.runId().isBlank()) {
                throw new ContractViolation("cannot decode RunEvent: runId is missing");
            }
            if (event instanceof RunEvent.ManifestCounted m && m.resource() == null) {
                throw new ContractViolation("cannot decode RunEvent: resource is missing on MANIFEST_COUNTED");
            }
        } catch (ContractViolation e) {
            poison.report(origin.channel(), origin.topic(), origin.partition(), origin.offset(), origin.key(),
                    e.getMessage(), value == null ? 0 : value.length, null);
            return;
        }
        if (event instanceof RunEvent.ManifestIds ids) {
            // The mapper waits on the counts; the ids tell it which missing records arrived unreadable (hole 5).
            unreadable.recordManifestIds(ids.runId(), ids.resource(), ids.ids());
            settler.settle(ids.runId(), ids.resource());
            return;
        }
        if (event instanceof RunEvent.RunStarted s) {
            String version = s.mappingVersion() == null || s.mappingVersion().isBlank()
                    ? specs.defaultSpec().version() : s.mappingVersion();
            if (specs.forVersion(version).isEmpty()) {
                LOG.errorf("run %s asks for mapping spec %s, which this mapper does not have; its records wait",
                        s.runId(), version);
            }
            runs.recordStarted(s.runId(), s.mode() == null ? null : s.mode().name(), version, s.mapSha256(),
                    s.resources(), s.at());
            LOG.infof("run %s started (%s, spec %s%s, resources %s)", s.runId(), s.mode(), version,
                    s.mapSha256() == null ? "" : " sha256 " + s.mapSha256().substring(0, Math.min(12, s.mapSha256().length())),
                    s.resources());
        } else if (event instanceof RunEvent.ManifestCounted m) {
            runs.recordManifest(m.runId(), m.resource(), m.count(), m.deleted(), false);
            settler.settle(m.runId(), m.resource());
            LOG.infof("run %s: manifest of %s is %d records (%d deleted)", m.runId(), m.resource().path(), m.count(),
                    m.deleted());
        } else if (event instanceof RunEvent.ExtractionFinished f) {
            for (Map.Entry<SourceResource, Long> count : f.counts().entrySet()) {
                if (count.getKey() != null && count.getValue() != null) {
                    runs.recordManifest(f.runId(), count.getKey(), count.getValue(), 0, true);
                }
            }
            LOG.infof("run %s: extraction finished", f.runId());
        } else if (event instanceof RunEvent.RunFinished f) {
            LOG.infof("run %s finished: %s", f.runId(), f.status());
        }
        contexts.forget(event.runId());
        releaser.trigger();
    }
}
