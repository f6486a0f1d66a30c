package dev.ferry.loader.service;

import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.store.StoreException;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Tells trouble the loader must wait out (PostgreSQL, Kafka or Freshsales away or overloaded) from a failure that is
 * the command's or the code's own. Waiting is the only safe answer to the first kind: a write whose result is unknown
 * may have landed, so ending its record FAILED would leave a record behind that no later run or rollback knows as
 * Ferry's (issue 8, hole 1).
 */
public final class InfrastructureTrouble {

    private InfrastructureTrouble() {
    }

    /** Whether {@code e}, or anything that caused it, says the infrastructure is away rather than the command wrong. */
    public static boolean isInfrastructure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FreshsalesException.NoAnswer || t instanceof FreshsalesException.BudgetExhausted
                    || t instanceof OutboxPublisher.Unacknowledged) {
                return true;
            }
            if (t instanceof StoreException store) {
                return store.unavailable();
            }
            if (t instanceof SQLException sql) {
                return StoreException.unavailable(sql);
            }
            if (t instanceof IOException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
