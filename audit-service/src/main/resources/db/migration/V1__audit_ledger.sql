-- The audit ledger. Flyway runs this in the schema named by quarkus.flyway.schemas (default: audit).
-- Only ids, kinds, times and the operator-facing reasons are kept: no field values of any record
-- (LoadOutcome.beforeImage is deliberately not stored; see README "What is not stored").

-- Runs as the audit knows them: from migration.runs, or first seen through an outcome.
CREATE TABLE run (
    run_id                  text        PRIMARY KEY,
    mode                    text,
    mapping_version         text,
    resources               jsonb       NOT NULL DEFAULT '[]'::jsonb,
    started_at              timestamptz,
    extraction_finished_at  timestamptz,
    finished_at             timestamptz,
    finished_status         text,
    first_seen_at           timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX run_first_seen ON run (first_seen_at DESC, run_id);

-- Every distinct run event, once: a redelivered event has the same command id and time.
CREATE TABLE run_event (
    command_id   text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    run_id       text        NOT NULL,
    type         text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (command_id, occurred_at)
);
CREATE INDEX run_event_run ON run_event (run_id, occurred_at);

-- Per run and resource: how many records the extractor published (ManifestCounted; the latest one wins).
CREATE TABLE manifest (
    run_id      text        NOT NULL,
    resource    text        NOT NULL,
    count       bigint      NOT NULL,
    deleted     bigint      NOT NULL,
    counted_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, resource)
);

-- Every outcome, once. Idempotency key: (command_id, kind, attempt). command_id already names the run,
-- resource, source id, part and action (CommandIds), so a redelivered or re-emitted outcome of the same
-- attempt collapses onto the row stored first, whatever its occurred_at.
CREATE TABLE outcome (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    command_id         text        COLLATE "C" NOT NULL,
    kind               text        NOT NULL,
    attempt            integer     NOT NULL,
    run_id             text        NOT NULL,
    resource           text        NOT NULL,
    source_id          text        COLLATE "C" NOT NULL,
    part               integer     NOT NULL,
    target             text,
    freshsales_id      bigint,
    changed_fields     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    rejection_rule     text,
    rejection_field    text,
    rejection_message  text,
    failure_status     integer,
    failure_messages   jsonb,
    failure_cause      text,
    detail             text,
    occurred_at        timestamptz NOT NULL,
    recorded_at        timestamptz NOT NULL,
    kafka_topic        text        NOT NULL,
    kafka_partition    integer     NOT NULL,
    kafka_offset       bigint      NOT NULL,
    CONSTRAINT outcome_idempotency UNIQUE (command_id, kind, attempt)
);
CREATE INDEX outcome_record ON outcome (resource, source_id, occurred_at, id);

-- A record's current state in a run: the winning outcome of its main write (part 0) under the precedence
-- order (terminal, occurred_at, attempt, kind_rank, command_id), compared as a row. The Java twin of that
-- order is dev.ferry.audit.ledger.OutcomePrecedence; the two must never drift apart.
CREATE TABLE record_state (
    run_id        text        NOT NULL,
    resource      text        NOT NULL,
    source_id     text        COLLATE "C" NOT NULL,
    command_id    text        COLLATE "C" NOT NULL,
    kind          text        NOT NULL,
    kind_rank     smallint    NOT NULL,
    terminal      boolean     NOT NULL,
    attempt       integer     NOT NULL,
    occurred_at   timestamptz NOT NULL,
    freshsales_id bigint,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);
CREATE INDEX record_state_bucket ON record_state (run_id, resource, kind, source_id);
CREATE INDEX record_state_terminal_time ON record_state (run_id, occurred_at) WHERE terminal;
CREATE INDEX record_state_record ON record_state (resource, source_id);

-- Messages some consumer could not decode or store, once per place they sat.
CREATE TABLE poison (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer        text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    record_key      text,
    reason          text        NOT NULL,
    size_bytes      integer     NOT NULL,
    refused_at      timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    CONSTRAINT poison_once UNIQUE (consumer, topic, kafka_partition, kafka_offset)
);
CREATE INDEX poison_recent ON poison (recorded_at DESC, id DESC);
