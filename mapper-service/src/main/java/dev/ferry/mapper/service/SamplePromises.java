package dev.ferry.mapper.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.expectation.PromisedFields;
import dev.ferry.mapper.store.RunStore;
import dev.ferry.mapper.store.SampleSourceStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a confirmed map promises each record of a SAMPLE run holds in Freshsales (issue 11 step 4): {@link PromisedFields}
 * read from the map's text, applied to the source record the run mapped, against the run's own target metadata
 * snapshot. The loader's {@code POST /sample-diff} reads the records back and compares. Holds patient values: served
 * to the operator only, never logged.
 */
@ApplicationScoped
public class SamplePromises {

    /** Why promises cannot be given; {@link #status} is the HTTP status. The message names no value. */
    public static class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** One record's promise: the shape {@code POST /sample-diff} takes. */
    public record Promise(String resource, String sourceId, ObjectNode expected) {
    }

    /**
     * @param mapVersion the confirmed map the promises come from ({@code confirmed/v3})
     * @param runMapVersion the map the run ran under
     */
    public record Promises(String runId, String mapVersion, String runMapVersion, List<Promise> records) {
    }

    private final RunContexts runs;
    private final ConfirmedMaps maps;
    private final TargetMetadataService metadata;
    private final SampleSourceStore samples;
    private final MapperConfig config;

    public SamplePromises(RunContexts runs, ConfirmedMaps maps, TargetMetadataService metadata,
            SampleSourceStore samples, MapperConfig config) {
        this.runs = runs;
        this.maps = maps;
        this.metadata = metadata;
        this.samples = samples;
        this.config = config;
    }

    /**
     * @param mapSelector the confirmed map to promise from ({@code 3}, {@code v3}, {@code confirmed/v3},
     *     {@code latest}); null: the one the run ran under. Another one than the run's shows what the sample would hold
     *     under that map: every field the two maps make differently differs.
     */
    public Promises of(String runId, String mapSelector) {
        RunStore.RunInfo run = runs.run(runId).orElseThrow(() -> new Refused(404, "no run " + runId));
        if (!"SAMPLE".equals(run.mode())) {
            throw new Refused(409, "run " + runId + " is a " + run.mode() + " run; promises are kept for SAMPLE runs");
        }
        String selector = mapSelector == null || mapSelector.isBlank() ? run.mappingVersion() : mapSelector;
        if (mapSelector == null && !ConfirmedMaps.names(selector)) {
            throw new Refused(409, "run " + runId + " ran on " + selector + ", not a confirmed map; name one (map=)");
        }
        ConfirmedMaps.View view = maps.find(selector)
                .orElseThrow(() -> new Refused(404, "no confirmed map " + selector));
        if (!view.intact()) {
            throw new Refused(409, "confirmed map " + view.mappingVersion() + " no longer has its confirmed text");
        }
        PromisedFields promised = PromisedFields.of(maps.text(selector).orElseThrow());
        Optional<TargetView> target = metadata.existing(runId);
        if (target.isEmpty()) {
            throw new Refused(409, "run " + runId + " has no target metadata snapshot yet (nothing mapped)");
        }
        List<Promise> out = new ArrayList<>();
        for (SampleSourceStore.Row r : samples.of(runId)) {
            promised.promise(r.resource(), r.payload(), target.get(), config.phoneRegion(), r.keepsUnique())
                    .ifPresent(p -> out.add(new Promise(r.resource().path(), r.sourceId(), p)));
        }
        return new Promises(runId, view.mappingVersion(), run.mappingVersion(), out);
    }
}
