-- Issue 12: rollback commands the loader carried out (DELETED or RESTORED), by command id. A command read again (a
-- re-publish after a crash, a redelivery) gets the same outcome again without a call: after a delete the id ledger no
-- longer knows the record, and a note (no GET of its own) could not even be looked for. Drift (SKIPPED) and refusals
-- are not kept: a command given again looks again.
CREATE TABLE rollback_done (
    command_id  text        PRIMARY KEY,
    outcome     jsonb       NOT NULL,
    done_at     timestamptz NOT NULL
);
