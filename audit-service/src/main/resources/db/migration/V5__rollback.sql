-- Issue 12: rollback. These tables are read only by the rollback (RollbackStore); no other endpoint, view or export
-- reads them.

-- The before-image of every UPDATED outcome: the values a record's changed fields held before Ferry wrote them.
-- Patient values, kept apart from the ledger (which stores field names only) so that only a rollback reads them.
CREATE TABLE rollback_image (
    command_id     text        COLLATE "C" NOT NULL,
    attempt        integer     NOT NULL,
    run_id         text        NOT NULL,
    resource       text        NOT NULL,
    source_id      text        COLLATE "C" NOT NULL,
    part           integer     NOT NULL,
    freshsales_id  bigint,
    before_image   jsonb       NOT NULL,
    occurred_at    timestamptz NOT NULL,
    PRIMARY KEY (command_id, attempt)
);
CREATE INDEX rollback_image_run ON rollback_image (run_id, resource, source_id, part);

-- One rollback of one run: where it stands, so it resumes after a restart.
CREATE TABLE rollback (
    run_id       text        PRIMARY KEY,
    force        boolean     NOT NULL,
    state        text        NOT NULL,
    level        integer     NOT NULL,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    finished_at  timestamptz
);

-- Every rollback command a rollback issues (deterministic command id), its level (children before parents) and
-- whether it was published; its outcome comes back into the ledger's outcome table under the same command id.
CREATE TABLE rollback_item (
    command_id     text        COLLATE "C" PRIMARY KEY,
    run_id         text        NOT NULL,
    resource       text        NOT NULL,
    source_id      text        COLLATE "C" NOT NULL,
    part           integer     NOT NULL,
    target         text        NOT NULL,
    freshsales_id  bigint      NOT NULL,
    action         text        NOT NULL,
    level          integer     NOT NULL,
    force          boolean     NOT NULL,
    fields         jsonb,
    published_at   timestamptz
);
CREATE INDEX rollback_item_run ON rollback_item (run_id, level);
