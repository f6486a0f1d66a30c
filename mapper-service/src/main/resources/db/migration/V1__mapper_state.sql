-- mapper-service state. Flyway owns this schema; the service never changes it at run time.

-- Runs as announced on migration.runs (RUN_STARTED), and the owner summary's one-time log.
CREATE TABLE run (
    run_id                  text PRIMARY KEY,
    mode                    text,
    mapping_version         text,
    resources               text        NOT NULL,  -- comma-separated source resources the run covers
    started_at              timestamptz,
    owner_summary_logged_at timestamptz,
    recorded_at             timestamptz NOT NULL DEFAULT now()
);

-- Per run and resource: how many records the extractor published (MANIFEST_COUNTED), deleted ones included.
CREATE TABLE manifest (
    run_id      text        NOT NULL,
    resource    text        NOT NULL,
    count       bigint      NOT NULL,
    deleted     bigint      NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, resource)
);

-- The latest known version of every source record read from the raw topics: what "unknown" and "deleted" mean.
CREATE TABLE source_index (
    resource          text        NOT NULL,
    source_id         text        NOT NULL,
    deleted           boolean     NOT NULL,
    source_updated_at timestamptz,
    last_run_id       text        NOT NULL,
    indexed_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (resource, source_id)
);

-- Which records each run has delivered (distinct), counted against the manifest to call a resource complete.
CREATE TABLE run_seen (
    run_id    text NOT NULL,
    resource  text NOT NULL,
    source_id text NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);

-- Distinct records per run and resource, kept as a counter so completeness is one read, not a count(*).
CREATE TABLE run_progress (
    run_id   text   NOT NULL,
    resource text   NOT NULL,
    seen     bigint NOT NULL,
    PRIMARY KEY (run_id, resource)
);

-- Values that must be unique within a resource (patients' e-mail), as SHA-256 of the normalised value.
CREATE TABLE unique_key (
    resource  text NOT NULL,
    rule      text NOT NULL,
    key_hash  text NOT NULL,
    source_id text NOT NULL,
    PRIMARY KEY (resource, rule, key_hash, source_id)
);
CREATE INDEX unique_key_by_record ON unique_key (resource, source_id);

-- Records held until what they depend on is complete (clinics of the run, practitioners, metadata, ...).
-- Holds the envelope, which is patient data: rows are deleted as soon as the record is mapped.
CREATE TABLE pending (
    run_id            text        NOT NULL,
    resource          text        NOT NULL,
    source_id         text        NOT NULL,
    waiting_for       text        NOT NULL,
    envelope          bytea       NOT NULL,
    source_updated_at timestamptz,
    held_at           timestamptz NOT NULL,
    topic             text        NOT NULL,  -- where the record was read, for a poison record if it cannot be mapped
    kafka_partition   integer     NOT NULL,
    kafka_offset      bigint      NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);

-- Every command and outcome the mapper produced (acked by the broker), one row per command id: a replayed record
-- that maps to the same bytes is not produced again.
CREATE TABLE emission (
    command_id     text        PRIMARY KEY,
    run_id         text        NOT NULL,
    resource       text        NOT NULL,
    source_id      text        NOT NULL,
    kind           text        NOT NULL,  -- COMMAND, REJECTED, LINKED
    topic          text        NOT NULL,
    payload_sha256 text        NOT NULL,
    productions    integer     NOT NULL,  -- how many distinct versions were produced under this id
    emitted_at     timestamptz NOT NULL
);
CREATE INDEX emission_by_run ON emission (run_id, resource);

-- Practitioner to Freshsales user matches per run. E-mail and names of staff (not patients) for the owner report.
CREATE TABLE practitioner_match (
    run_id          text        NOT NULL,
    practitioner_id text        NOT NULL,
    status          text        NOT NULL,
    user_id         bigint,
    email           text,
    first_name      text,
    last_name       text,
    role            text,
    active          boolean,
    suggested_email text,
    decided_at      timestamptz NOT NULL,
    PRIMARY KEY (run_id, practitioner_id)
);
CREATE INDEX practitioner_match_latest ON practitioner_match (practitioner_id, decided_at DESC);

-- The target account's metadata as the loader served it, one snapshot per run (a run maps against one snapshot).
CREATE TABLE target_metadata (
    run_id     text        PRIMARY KEY,
    body       text        NOT NULL,
    sha256     text        NOT NULL,
    fetched_at timestamptz NOT NULL
);

-- The field-creation checklist: source values with no Freshsales field to land in.
CREATE TABLE field_gap (
    collection    text        NOT NULL,
    field_name    text        NOT NULL,
    resource      text        NOT NULL,
    source_field  text        NOT NULL,
    proposed_type text        NOT NULL,
    essential     boolean     NOT NULL,
    records       bigint      NOT NULL,
    first_run_id  text        NOT NULL,
    last_run_id   text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (collection, field_name)
);

-- Dropdown values the target field lacks as choices (codes such as treatment types; never tied to a record).
CREATE TABLE choice_gap (
    collection  text        NOT NULL,
    field_name  text        NOT NULL,
    choice      text        NOT NULL,
    records     bigint      NOT NULL,
    last_run_id text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (collection, field_name, choice)
);
