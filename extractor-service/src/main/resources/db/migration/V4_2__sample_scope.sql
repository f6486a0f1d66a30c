-- Issue 11 step 4, sample runs: the size a SAMPLE run was asked for, and, once its first attempt chose them, the
-- records it extracts (SampleSelection: stratified, with the parents their links need). Fixed at the first attempt so
-- a resumed run extracts the very same records. Ids and codes only, never record content.
-- Numbered 4.2 so that it cannot collide with a version another branch adds to this schema.
CREATE TABLE sample_run (
    run_id      VARCHAR(100) PRIMARY KEY REFERENCES extraction_run (run_id),
    size        INTEGER      NOT NULL,
    selected_at TIMESTAMPTZ,
    roots       INTEGER,
    -- resource/dimension=value pairs the size could not cover, comma-separated (codes, not data)
    uncovered   TEXT
);

CREATE TABLE sample_record (
    run_id    VARCHAR(100) NOT NULL REFERENCES extraction_run (run_id),
    resource  VARCHAR(64)  NOT NULL,
    source_id VARCHAR(200) NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);
