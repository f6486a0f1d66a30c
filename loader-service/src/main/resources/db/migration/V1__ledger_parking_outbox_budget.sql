-- The loader's state. Every table is read and written with explicit locks by dev.ferry.loader.store.*.

-- One row per Freshsales record Ferry writes: source record (resource, id, part) -> Freshsales id.
-- state INTENT: a write is (or was, when its process died) in flight; resolved by lookup before any retry.
CREATE TABLE id_ledger (
    resource        text        NOT NULL,
    source_id       text        NOT NULL,
    part            integer     NOT NULL,
    target          text        NOT NULL,
    freshsales_id   bigint,
    state           text        NOT NULL CHECK (state IN ('INTENT', 'DONE', 'FAILED')),
    command_id      text        NOT NULL,
    run_id          text        NOT NULL,
    -- the upsert identifier ({"cf_dentes_id": "P-1"}): what an open intent is resolved by
    identifier      jsonb       NOT NULL,
    -- hash of the bound payload last written (DONE), and of the one an open intent is writing
    payload_hash    text,
    intent_hash     text,
    -- the fields last written, after binding: the base of changedFields and before-images of later updates
    written_fields  jsonb,
    -- values of the fields the last update changed, as they were before it
    before_image    jsonb,
    -- the target's answer when the write failed for good
    failure         jsonb,
    attempts        integer     NOT NULL DEFAULT 0,
    intent_owner    text,
    intent_at       timestamptz,
    -- the run whose write created the record in Freshsales (what a rollback deletes)
    created_by_run  text,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource, source_id, part)
);
CREATE INDEX id_ledger_open_intents ON id_ledger (intent_at) WHERE state = 'INTENT';

-- Commands waiting for parents (or behind an earlier parked command of the same record). Their Kafka offsets are
-- committed: from here on PostgreSQL alone keeps them.
CREATE TABLE parked (
    id              bigserial   PRIMARY KEY,
    command_id      text        NOT NULL UNIQUE,
    resource        text        NOT NULL,
    source_id       text        NOT NULL,
    part            integer     NOT NULL,
    command         jsonb       NOT NULL,
    reason          text        NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    claimed_by      text,
    claimed_until   timestamptz
);
CREATE INDEX parked_record ON parked (resource, source_id, part, id);

-- The parents a parked command waits for (none: it waits behind an earlier command of the same record).
CREATE TABLE parked_wait (
    parked_id       bigint      NOT NULL REFERENCES parked (id) ON DELETE CASCADE,
    resource        text        NOT NULL,
    source_id       text        NOT NULL,
    PRIMARY KEY (parked_id, resource, source_id)
);
CREATE INDEX parked_wait_parent ON parked_wait (resource, source_id);

-- Outcomes decided in the same transaction as the ledger change they describe, published and then deleted.
-- Nothing decided is lost between the ledger commit and the Kafka acknowledgement.
CREATE TABLE outbox (
    id              bigserial   PRIMARY KEY,
    topic           text        NOT NULL,
    record_key      text,
    payload         bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- One budget per Freshsales account, shared by every replica: the row is the lock, the grants are the log.
CREATE TABLE rate_budget (
    account             text        PRIMARY KEY,
    server_minute_limit integer,
    server_hour_limit   integer,
    blocked_until       timestamptz,
    refusals_in_a_row   integer     NOT NULL DEFAULT 0,
    -- usage at the last decision, for dashboards; the grants are the truth
    minute_used         integer     NOT NULL DEFAULT 0,
    hour_used           integer     NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

-- scope NULL: calls a loader granted itself (count in both budgets); 'MINUTE'/'HOUR': usage the server's headers
-- reported beyond the log (another integration on the account), counted in that budget only.
CREATE TABLE rate_budget_grant (
    id              bigserial   PRIMARY KEY,
    account         text        NOT NULL REFERENCES rate_budget (account),
    granted_at      timestamptz NOT NULL,
    scope           text        CHECK (scope IN ('MINUTE', 'HOUR')),
    calls           integer     NOT NULL CHECK (calls > 0),
    instance_id     text
);
CREATE INDEX rate_budget_grant_window ON rate_budget_grant (account, granted_at);
