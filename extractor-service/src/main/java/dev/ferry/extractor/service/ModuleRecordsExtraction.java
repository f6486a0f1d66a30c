package dev.ferry.extractor.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Extracts {@code custom-module-records}: the tenant serves each custom module's records at a path of its own
 * ({@code custom-modules/{key}/records}), so the resource is read module by module, each through its own
 * {@link ResourceExtraction} (page pass, then catch-up-and-verify rounds: the same algorithm, unchanged) over its own
 * ledger view ({@link ModuleLedgers#of}). Modules go one after the other, in the ascending key order of
 * {@link ModuleKeys}, so the tenant sees the same request pattern as for any one resource.
 *
 * <p>The keys are read from the tenant on every attempt: a module created between an attempt and its resume is
 * extracted too. A module whose extraction finished in an earlier attempt is skipped. A module that cannot be read
 * (its records path answers 404, say) fails the resource with the module named, resumable, and never counts zero.
 */
public final class ModuleRecordsExtraction {

    private static final Logger LOG = Logger.getLogger(ModuleRecordsExtraction.class);

    /** The tenant's module keys, in extraction order. */
    @FunctionalInterface
    public interface KeySource {
        List<String> keys() throws ExtractionFailed, InterruptedException;
    }

    /** The extraction of one module: its path, publisher and the given ledger and progress bound. */
    @FunctionalInterface
    public interface PerModule {
        ResourceExtraction of(String moduleKey, ResourceLedger ledger, ResourceExtraction.Progress progress);
    }

    private final KeySource keys;
    private final ModuleLedgers ledgers;
    private final PerModule perModule;
    private final ResourceExtraction.Progress progress;

    public ModuleRecordsExtraction(KeySource keys, ModuleLedgers ledgers, PerModule perModule,
            ResourceExtraction.Progress progress) {
        this.keys = keys;
        this.ledgers = ledgers;
        this.perModule = perModule;
        this.progress = progress;
    }

    /**
     * @return the most rounds any module needed, and the unverified tails of all modules summed
     */
    public ResourceExtraction.Result run() throws ExtractionFailed, InterruptedException {
        List<String> modules = keys.keys();
        Map<String, ModuleLedgers.Finished> finished = ledgers.finished();
        List<String> todo = new ArrayList<>();
        for (String key : modules) {
            if (!finished.containsKey(key)) {
                todo.add(key);
            }
        }
        LOG.infof("custom-module-records: %d module(s) %s, %d of them extracted by an earlier attempt", modules.size(),
                modules, modules.size() - todo.size());
        int rounds = 0;
        long unverifiedTail = 0;
        // Finished modules the tenant no longer lists still count: their records were published in this run.
        for (ModuleLedgers.Finished f : finished.values()) {
            rounds = Math.max(rounds, f.rounds());
            unverifiedTail += f.unverifiedTail();
        }
        for (int i = 0; i < todo.size(); i++) {
            String key = todo.get(i);
            ResourceLedger ledger = ledgers.of(key);
            ResourceExtraction.Result result;
            try {
                result = perModule.of(key, ledger, moduleProgress(i == todo.size() - 1, rounds)).run();
            } catch (ExtractionFailed e) {
                throw new ExtractionFailed("custom module '" + key + "': " + e.getMessage());
            }
            ledgers.finish(key, new ModuleLedgers.Finished(result.rounds(), result.unverifiedTail()));
            rounds = Math.max(rounds, result.rounds());
            unverifiedTail += result.unverifiedTail();
            LOG.infof("custom-module-records: module %s extracted: %d records after %d round(s)", key,
                    ledger.count(null, null), result.rounds());
        }
        if (todo.isEmpty()) {
            progress.verifying();
        }
        return new ResourceExtraction.Result(rounds, unverifiedTail);
    }

    /**
     * The resource is VERIFYING once the last module's page pass is through (before that, pages are still being read);
     * its round count is the most any module needed so far.
     */
    private ResourceExtraction.Progress moduleProgress(boolean last, int roundsSoFar) {
        return new ResourceExtraction.Progress() {
            @Override
            public void verifying() {
                if (last) {
                    progress.verifying();
                }
            }

            @Override
            public void round(int round, long prefixDeficit, long tailDeficit) {
                if (round > roundsSoFar) {
                    progress.round(round, prefixDeficit, tailDeficit);
                }
            }
        };
    }
}
