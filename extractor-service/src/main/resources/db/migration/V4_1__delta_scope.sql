-- Issue 12, delta runs: where each resource of a DELTA run starts reading (updated_since), fixed when the run is
-- created from the delta watermark of that moment, so a resumed run reads the same range however the watermarks moved
-- since. A resource without a row (or with a null bound) is read whole: no run has completed it yet.
-- Numbered 4.1 so that it cannot collide with a V4 another branch adds to this schema.
CREATE TABLE delta_scope (
    run_id         VARCHAR(100) NOT NULL REFERENCES extraction_run (run_id),
    resource       VARCHAR(64)  NOT NULL,
    updated_since  TIMESTAMPTZ,
    watermark_run  VARCHAR(100),
    PRIMARY KEY (run_id, resource)
);
