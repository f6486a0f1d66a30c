package dev.ferry.mapper.service;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.MappingContext;
import dev.ferry.mapper.mapping.OwnerFallback;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.store.RunStore;

/** Whether the records of one run and resource can be mapped now, and with what; or what they wait for. */
public sealed interface Readiness {

    /** Everything the mapping depends on is complete. */
    record Ready(RunStore.RunInfo run, CompiledSpec spec, ResourceMapping mapping, TargetView target,
            OwnerFallback fallback, MappingContext context) implements Readiness {
    }

    /**
     * Not yet: {@code reason} completes "waiting for ...", for an operator; {@code on} is the resource whose records
     * of the run are not all in yet, or null when the wait is for something else (the run's start, a spec, the
     * target's metadata).
     */
    record Waiting(String reason, SourceResource on) implements Readiness {

        public Waiting(String reason) {
            this(reason, null);
        }
    }

    /** The run's spec has no mapping for the resource: its records cannot be mapped by this spec at all. */
    record Unmapped(String specVersion) implements Readiness {
    }
}
