package dev.ferry.extractor.service;

import java.util.Map;

/**
 * What one run remembers per custom module of its {@code custom-module-records} resource. PostgreSQL in the service;
 * in memory in unit tests.
 */
public interface ModuleLedgers {

    /** How a module's extraction ended, kept so a resumed run can skip the module and still report it. */
    record Finished(int rounds, long unverifiedTail) {
    }

    /**
     * The ledger of one module as {@link ResourceExtraction} sees it: the tenant's own record ids in and out, its own
     * page grid and checkpoints. What it stores are the composite ids {@code {key}/{id}} of the whole resource, so
     * counts and manifests over {@code custom-module-records} need nothing module-specific.
     */
    ResourceLedger of(String moduleKey);

    /** The modules whose extraction (page pass and verification) finished in this run, by key. */
    Map<String, Finished> finished();

    /** Marks the module's extraction finished; a resumed run skips it. */
    void finish(String moduleKey, Finished outcome);
}
