-- Issue 11 step 4, the sample diff: the source record each mapped record of a SAMPLE run was mapped from, so that what
-- the confirmed map promises it holds can be computed from the map's text (PromisedFields) and read back against
-- Freshsales. Holds patient data: only SAMPLE runs (200 to 500 records) write here, only the operator's
-- GET /runs/{runId}/promised reads it, and nothing of it is logged.
-- keeps_unique: whether the record held its unique values itself (false: a record with a lower id holds its e-mail,
-- so the fields reading it are not promised on it). Numbered 6.3 so it cannot collide with another branch's V6_x.
CREATE TABLE sample_source (
    run_id      text        NOT NULL,
    resource    text        NOT NULL,
    source_id   text        NOT NULL,
    payload     jsonb       NOT NULL,
    keeps_unique boolean    NOT NULL,
    mapped_at   timestamptz NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);
