package dev.ferry.loader.service;

import dev.ferry.loader.batch.BatchAccumulator;
import dev.ferry.loader.config.LoaderConfig;
import dev.ferry.loader.config.LoaderIdentity;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.ParkedCommand;
import dev.ferry.loader.store.ParkedStore;
import dev.ferry.loader.store.Sql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Releases parked commands whose parents have landed (or failed for good) into the writer's queue, by polling the
 * ledger: a parent written by any replica releases its children on whichever replica claims them first. Claims are
 * leases renewed while this process lives, so a dead replica's claims pass to the others (or to its own restart,
 * which has a new instance id) within one lease ({@code ferry.loader.parking.claim-lease}, 30 s).
 */
@ApplicationScoped
public class ParkingReleaser {

    private static final Logger LOG = Logger.getLogger(ParkingReleaser.class);

    private final Jdbc jdbc;
    private final ParkedStore parked;
    private final BatchAccumulator<WorkItem> accumulator;
    private final LoaderConfig config;
    private final LoaderIdentity identity;
    private final LoaderLifecycle lifecycle;

    public ParkingReleaser(Jdbc jdbc, ParkedStore parked, BatchAccumulator<WorkItem> accumulator, LoaderConfig config,
            LoaderIdentity identity, LoaderLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.parked = parked;
        this.accumulator = accumulator;
        this.config = config;
        this.identity = identity;
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${ferry.loader.parking.release-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void release() {
        if (!lifecycle.started() || accumulator.size() >= config.batchSize()) {
            // The writer has enough to do; what stays parked is safe where it is.
            return;
        }
        int limit = config.batchSize();
        List<WorkItem> released = jdbc.inTransaction(c -> {
            Instant now = Sql.now(c);
            Instant until = now.plus(config.parking().claimLease());
            List<WorkItem> out = new ArrayList<>();
            for (ParkedCommand p : parked.claimReleasable(c, identity.instanceId(), now, until, limit)) {
                out.add(new WorkItem(p.command(), new WorkItem.FromParking(p.id(), false, p.reason(), p.revision())));
            }
            for (ParkedCommand p : parked.claimExpired(c, identity.instanceId(), now, until,
                    now.minus(config.parking().timeout()), limit)) {
                out.add(new WorkItem(p.command(), new WorkItem.FromParking(p.id(), true, p.reason(), p.revision())));
            }
            return out;
        });
        // Handed over only once the claims are committed, so no other replica can take the same rows.
        released.forEach(accumulator::add);
        if (!released.isEmpty()) {
            LOG.debugf("released %d parked commands", released.size());
        }
    }

    /**
     * The lease's heartbeat. A process killed with SIGKILL never hands its claims back (no shutdown hook runs), so
     * the lease is what lets others take them: it must outlive a renewal interval or two, and nothing more.
     */
    @Scheduled(every = "${ferry.loader.parking.claim-renew-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewClaims() {
        if (!lifecycle.started()) {
            return;
        }
        jdbc.inTransaction(c -> parked.renewClaims(c, identity.instanceId(),
                Sql.now(c).plus(config.parking().claimLease())));
    }
}
