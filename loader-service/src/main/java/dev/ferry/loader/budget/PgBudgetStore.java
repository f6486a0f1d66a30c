package dev.ferry.loader.budget;

import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The budget every replica shares: one {@code rate_budget} row per account, locked with {@code SELECT ... FOR UPDATE}
 * for each decision, and the {@code rate_budget_grant} log it counts. Time is the database's clock, so replicas on
 * machines whose clocks disagree still count the same windows.
 */
public class PgBudgetStore implements BudgetStore {

    /** Grants older than the hourly window are useless; they are pruned every this many decisions. */
    private static final int PRUNE_EVERY = 50;

    private final Jdbc jdbc;
    private final String instanceId;
    private final AtomicLong decisions = new AtomicLong();

    public PgBudgetStore(Jdbc jdbc, String instanceId) {
        this.jdbc = jdbc;
        this.instanceId = instanceId;
    }

    @Override
    public BudgetDecision tryTake(String account, int calls, BudgetLimits limits) {
        return jdbc.inTransaction(c -> {
            BudgetState state = lock(c, account);
            Instant now = Sql.now(c);
            BudgetDecision d = BudgetArithmetic.tryTake(now, calls, limits, state, new Log(c, account));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE rate_budget SET minute_used = ?, hour_used = ?, updated_at = ? WHERE account = ?")) {
                ps.setInt(1, d.minuteUsed());
                ps.setInt(2, d.hourUsed());
                ps.setObject(3, Sql.ts(now));
                ps.setString(4, account);
                ps.executeUpdate();
            }
            if (decisions.incrementAndGet() % PRUNE_EVERY == 0) {
                prune(c, account, now.minus(limits.span(Bucket.HOUR)).minus(Duration.ofMinutes(1)));
            }
            return d;
        });
    }

    @Override
    public void accepted(String account, ServerView view, BudgetLimits limits) {
        if (!view.describesUsage()) {
            // Nothing to learn; only a streak of 429s to end, which is cheap to skip when there is none.
            jdbc.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE rate_budget SET refusals_in_a_row = 0 WHERE account = ? AND refusals_in_a_row <> 0")) {
                    ps.setString(1, account);
                    ps.executeUpdate();
                }
                return null;
            });
            return;
        }
        jdbc.inTransaction(c -> {
            BudgetState state = lock(c, account);
            save(c, account, BudgetArithmetic.accepted(Sql.now(c), view, limits, state, new Log(c, account)));
            return null;
        });
    }

    @Override
    public void refused(String account, ServerView view, BudgetLimits limits) {
        jdbc.inTransaction(c -> {
            BudgetState state = lock(c, account);
            save(c, account, BudgetArithmetic.refused(Sql.now(c), view, limits, state, new Log(c, account)));
            return null;
        });
    }

    @Override
    public BudgetStatus status(String account, BudgetLimits limits) {
        return jdbc.inTransaction(c -> BudgetStatus.of(account, Sql.now(c), limits, lock(c, account),
                new Log(c, account)));
    }

    private static BudgetState lock(Connection c, String account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rate_budget (account) VALUES (?) ON CONFLICT (account) DO NOTHING")) {
            ps.setString(1, account);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT server_minute_limit, server_hour_limit, blocked_until, "
                + "refusals_in_a_row FROM rate_budget WHERE account = ? FOR UPDATE")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new BudgetState(Sql.nullableInt(rs, "server_minute_limit"),
                        Sql.nullableInt(rs, "server_hour_limit"), Sql.instant(rs, "blocked_until"),
                        rs.getInt("refusals_in_a_row"));
            }
        }
    }

    private static void save(Connection c, String account, BudgetState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rate_budget SET server_minute_limit = ?, "
                + "server_hour_limit = ?, blocked_until = ?, refusals_in_a_row = ?, updated_at = clock_timestamp() "
                + "WHERE account = ?")) {
            ps.setObject(1, s.serverMinuteLimit());
            ps.setObject(2, s.serverHourLimit());
            ps.setObject(3, Sql.ts(s.blockedUntil()));
            ps.setInt(4, s.refusalsInARow());
            ps.setString(5, account);
            ps.executeUpdate();
        }
    }

    private static void prune(Connection c, String account, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rate_budget_grant WHERE account = ? AND granted_at < ?")) {
            ps.setString(1, account);
            ps.setObject(2, Sql.ts(before));
            ps.executeUpdate();
        }
    }

    /** The grant log of one account, read and written on the connection that holds the account's lock. */
    private final class Log implements GrantLog {
        private final Connection c;
        private final String account;

        Log(Connection c, String account) {
            this.c = c;
            this.account = account;
        }

        @Override
        public int countSince(Bucket bucket, Instant from) {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(calls), 0) FROM rate_budget_grant "
                    + "WHERE account = ? AND granted_at > ? AND (scope IS NULL OR scope = ?)")) {
                ps.setString(1, account);
                ps.setObject(2, Sql.ts(from));
                ps.setString(3, bucket.name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw new dev.ferry.loader.store.StoreException("cannot count budget grants", e);
            }
        }

        @Override
        public Instant nthSince(Bucket bucket, Instant from, int index) {
            try (PreparedStatement ps = c.prepareStatement("SELECT granted_at FROM (SELECT granted_at, "
                    + "sum(calls) OVER (ORDER BY granted_at, id) AS upto FROM rate_budget_grant "
                    + "WHERE account = ? AND granted_at > ? AND (scope IS NULL OR scope = ?)) g "
                    + "WHERE upto > ? ORDER BY granted_at LIMIT 1")) {
                ps.setString(1, account);
                ps.setObject(2, Sql.ts(from));
                ps.setString(3, bucket.name());
                ps.setInt(4, index);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Sql.instant(rs, "granted_at") : null;
                }
            } catch (SQLException e) {
                throw new dev.ferry.loader.store.StoreException("cannot read budget grants", e);
            }
        }

        @Override
        public int[] countsBySlot(Bucket bucket, Instant now, java.time.Duration span, int slots) {
            int[] counts = new int[slots];
            Instant from = now.minus(span);
            try (PreparedStatement ps = c.prepareStatement("SELECT LEAST(?, CAST(floor(extract(epoch FROM "
                    + "(granted_at - ?)) / ?) AS integer)) AS slot, sum(calls) FROM rate_budget_grant "
                    + "WHERE account = ? AND granted_at > ? AND granted_at <= ? AND (scope IS NULL OR scope = ?) "
                    + "GROUP BY 1")) {
                ps.setInt(1, slots - 1);
                ps.setObject(2, Sql.ts(from));
                ps.setDouble(3, span.toNanos() / 1e9 / slots);
                ps.setString(4, account);
                ps.setObject(5, Sql.ts(from));
                ps.setObject(6, Sql.ts(now));
                ps.setString(7, bucket.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts[Math.max(0, rs.getInt(1))] += rs.getInt(2);
                    }
                }
            } catch (SQLException e) {
                throw new dev.ferry.loader.store.StoreException("cannot count budget grants", e);
            }
            return counts;
        }

        @Override
        public void addCalls(Instant at, int count) {
            insert(at, null, count);
        }

        @Override
        public void addServerUsage(Bucket bucket, Instant at, int count) {
            insert(at, bucket.name(), count);
        }

        private void insert(Instant at, String scope, int count) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rate_budget_grant "
                    + "(account, granted_at, scope, calls, instance_id) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, account);
                ps.setObject(2, Sql.ts(at));
                ps.setString(3, scope);
                ps.setInt(4, count);
                ps.setString(5, instanceId);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new dev.ferry.loader.store.StoreException("cannot record budget grants", e);
            }
        }
    }
}
