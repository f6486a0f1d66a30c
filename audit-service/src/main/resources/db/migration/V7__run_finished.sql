-- Issue 12: the audit publishes RunFinished once a run balances (RunFinisher). One row per run whose RunFinished the
-- broker acknowledged, so a restarted audit never publishes it again. (V6 is left to the delta branch.)
CREATE TABLE run_finished_published (
    run_id        text        PRIMARY KEY,
    command_id    text        NOT NULL,
    status        text        NOT NULL,
    finished_at   timestamptz NOT NULL,
    published_at  timestamptz NOT NULL
);
