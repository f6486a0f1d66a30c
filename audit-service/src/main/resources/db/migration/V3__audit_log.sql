-- The audit log (issue 12) is read from the outcome table: every outcome is stored once (outcome_idempotency), so a
-- redelivered outcome cannot appear twice in the log. This index lets a run's log stream in time order straight off
-- the index (no sort of a million rows before the first line goes out).
CREATE INDEX outcome_run_time ON outcome (run_id, occurred_at, id);
