-- Runs, per-resource progress, page checkpoints, the distinct records each run published, and delta watermarks.
-- Flyway runs this in the service's schema (quarkus.flyway.schemas); table names are unqualified on purpose.

CREATE TABLE extraction_run (
    run_id                        VARCHAR(100)  PRIMARY KEY,
    mode                          VARCHAR(16)   NOT NULL,
    state                         VARCHAR(16)   NOT NULL,
    mapping_version               VARCHAR(100)  NOT NULL,
    -- taken when the run first starts; the page grid and the catch-up bound derive from it
    snapshot_at                   TIMESTAMPTZ,
    created_at                    TIMESTAMPTZ   NOT NULL,
    started_at                    TIMESTAMPTZ,
    finished_at                   TIMESTAMPTZ,
    attempts                      INTEGER       NOT NULL DEFAULT 0,
    failure_reason                VARCHAR(4000),
    run_started_published         BOOLEAN       NOT NULL DEFAULT FALSE,
    extraction_finished_published BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX extraction_run_state ON extraction_run (state, created_at);

CREATE TABLE run_resource (
    run_id              VARCHAR(100)  NOT NULL REFERENCES extraction_run (run_id),
    resource            VARCHAR(64)   NOT NULL,
    position            INTEGER       NOT NULL,
    level               INTEGER       NOT NULL,
    source_path         VARCHAR(200)  NOT NULL,
    state               VARCHAR(16)   NOT NULL,
    -- the page grid, fixed by the first page read (written by the record ledger)
    page_size           INTEGER,
    total_pages         INTEGER,
    reported_total      BIGINT,
    invalid_records     BIGINT        NOT NULL DEFAULT 0,
    verification_rounds INTEGER       NOT NULL DEFAULT 0,
    -- frozen at COUNTED so a resumed run publishes the same ManifestCounted
    manifest_count      BIGINT,
    manifest_deleted    BIGINT,
    unverified_tail     BIGINT        NOT NULL DEFAULT 0,
    failure_reason      VARCHAR(4000),
    started_at          TIMESTAMPTZ,
    finished_at         TIMESTAMPTZ,
    PRIMARY KEY (run_id, resource)
);

-- A page of the page pass whose records Kafka acknowledged. Written in the same transaction as its run_record rows.
CREATE TABLE page_checkpoint (
    run_id       VARCHAR(100) NOT NULL,
    resource     VARCHAR(64)  NOT NULL,
    page         INTEGER      NOT NULL,
    records      INTEGER      NOT NULL,
    committed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (run_id, resource, page),
    FOREIGN KEY (run_id, resource) REFERENCES run_resource (run_id, resource)
);

-- Every distinct record a run published, with the newest updated_at it was published with: the manifest count, and
-- what the catch-up rounds compare with the tenant's counts. Ids and timestamps only, never content.
CREATE TABLE run_record (
    run_id            VARCHAR(100) NOT NULL,
    resource          VARCHAR(64)  NOT NULL,
    source_id         VARCHAR(200) NOT NULL,
    source_updated_at TIMESTAMPTZ,
    deleted           BOOLEAN      NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);
CREATE INDEX run_record_updated_at ON run_record (run_id, resource, source_updated_at);

-- Where the next delta run of a resource starts reading (updated_since). Written when a run completes.
CREATE TABLE delta_watermark (
    resource     VARCHAR(64)  PRIMARY KEY,
    watermark    TIMESTAMPTZ  NOT NULL,
    run_id       VARCHAR(100) NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL
);
