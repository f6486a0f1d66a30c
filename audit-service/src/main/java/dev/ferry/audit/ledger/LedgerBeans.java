package dev.ferry.audit.ledger;

import dev.ferry.audit.config.AuditConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires {@link BatchStore} to Quarkus transactions and the configured retry policy. */
@ApplicationScoped
public class LedgerBeans {

    @Produces
    @Singleton
    BatchStore batchStore(AuditConfig config) {
        AuditConfig.Ledger ledger = config.ledger();
        return new BatchStore(
                work -> QuarkusTransaction.requiringNew().run(work),
                new BatchStore.RetryPolicy(ledger.attempts(), ledger.initialBackoff(), ledger.maxBackoff()),
                pause -> Thread.sleep(pause.toMillis()));
    }
}
