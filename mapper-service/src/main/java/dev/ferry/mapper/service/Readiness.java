package dev.ferry.mapper.service;

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

    /** Not yet: {@code reason} completes "waiting for ...", for an operator. */
    record Waiting(String reason) implements Readiness {
    }

    /** The run's spec has no mapping for the resource: its records cannot be mapped by this spec at all. */
    record Unmapped(String specVersion) implements Readiness {
    }
}
