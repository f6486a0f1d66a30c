package dev.ferry.loader.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The loader's target reconciliation (issue 12, layer 3). */
@ConfigMapping(prefix = "ferry.reconcile")
public interface ReconcileConfig {

    /**
     * How long one read-back call may wait for the shared rate budget before the reconciliation gives up (answers
     * 503): a reconciliation is asked over HTTP, and a loader busy writing a run may hold the budget for an hour.
     */
    @WithDefault("PT2M")
    Duration maxBudgetWait();

    /**
     * Pages one listing may read at most (100 records a page): a guard against a server whose pages never end, far
     * above any practice (1,000 pages = 100,000 records of one collection).
     */
    @WithDefault("1000")
    int maxPages();
}
