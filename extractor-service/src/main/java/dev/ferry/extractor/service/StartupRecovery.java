package dev.ferry.extractor.service;

import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.store.RunStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start-up, runs left RUNNING by a stopped extractor become INTERRUPTED and, unless
 * {@code ferry.extractor.resume-on-start=false}, are queued again together with runs that never started. A single
 * extractor replica per tenant is assumed (see README).
 */
@ApplicationScoped
public class StartupRecovery {

    private static final Logger LOG = Logger.getLogger(StartupRecovery.class);

    @Inject
    RunStore store;

    @Inject
    RunExecutor executor;

    @Inject
    ExtractorConfig config;

    void onStart(@Observes StartupEvent event) {
        boolean resume = config.resumeOnStart();
        List<String> queued = store.recoverAtStartup(resume);
        if (!resume) {
            if (!queued.isEmpty()) {
                LOG.infof("%d queued run(s) wait for POST /runs/{id}/resume (resume-on-start is off)", queued.size());
            }
            return;
        }
        for (String runId : queued) {
            LOG.infof("run %s: resuming after restart", runId);
            executor.submit(runId);
        }
    }
}
