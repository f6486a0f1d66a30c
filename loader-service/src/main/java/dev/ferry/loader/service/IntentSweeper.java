package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.config.LoaderConfig;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import dev.ferry.loader.store.Sql;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A safety net for write-ahead intents whose process died and whose command does not come back (normally it does:
 * its offset was not committed, or it is still parked, and it resolves its own intent). Intents older than
 * {@code ferry.loader.intents.abandoned-after} are looked up by identifier and closed: found means the write landed.
 * No outcome is published; the command's own outcome comes when it is processed.
 */
@ApplicationScoped
public class IntentSweeper {

    private static final Logger LOG = Logger.getLogger(IntentSweeper.class);

    private final Jdbc jdbc;
    private final IdLedger ledger;
    private final FreshsalesClient client;
    private final LoaderConfig config;
    private final LoaderLifecycle lifecycle;

    public IntentSweeper(Jdbc jdbc, IdLedger ledger, FreshsalesClient client, LoaderConfig config,
            LoaderLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.client = client;
        this.config = config;
        this.lifecycle = lifecycle;
    }

    @Scheduled(every = "${ferry.loader.intents.sweep-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws InterruptedException {
        if (!lifecycle.started()) {
            return;
        }
        List<LedgerEntry> abandoned = jdbc.inTransaction(c -> ledger.abandonedIntents(c,
                Sql.now(c).minus(config.intents().abandonedAfter()), 50));
        IdResolver resolver = new IdResolver(client);
        int closed = 0;
        for (LedgerEntry e : abandoned) {
            if (e.identifier().size() != 1 || !e.target().addressable()
                    || e.target().target().foundInParentListing()) {
                // A note, task or sales activity is found only in its parent's listing, and the ledger keeps no
                // parent: only the command's return (it always comes back: its offset was not committed) resolves it.
                continue;
            }
            Map.Entry<String, String> id = e.identifier().entrySet().iterator().next();
            if (!id.getValue().equals(e.key().sourceId())) {
                // Written onto another record's (a billing record onto its case's deal, found by the case's id): that
                // record exists whether this write landed or not, so only the command's return can close it.
                continue;
            }
            ObjectNode hit;
            try {
                hit = resolver.lookupOne(e.target(), id.getKey(), id.getValue());
            } catch (FreshsalesException ex) {
                LOG.debugf("could not resolve abandoned intent %s: %s", e.key(), ex.getMessage());
                continue;
            }
            Long found = hit == null ? null : hit.path("id").asLong();
            if (jdbc.inTransaction(c -> ledger.closeAbandoned(c, e, found))) {
                closed++;
            }
        }
        if (closed > 0) {
            LOG.infof("closed %d abandoned write-ahead intents by lookup", closed);
        }
    }
}
