-- Reconciliation by id sets (issue 8, hole 6). The extractor publishes the source ids each manifest counts as
-- ManifestIds chunks on migration.runs, then a ManifestCounted that names how many chunks there are. Ids only.

-- How many ManifestIds chunks carry the manifest's ids (ManifestCounted.idChunks); null: the manifest is a count only
-- (an extractor from before id sets), and that resource is reconciled by counts.
ALTER TABLE manifest ADD COLUMN id_chunks integer;

-- Every source id a manifest counts, once (a resumed extractor re-publishes identical chunks). The collation is the
-- one of record_state.source_id, so the two compare and join as they sort.
CREATE TABLE manifest_id (
    run_id     text NOT NULL,
    resource   text NOT NULL,
    source_id  text COLLATE "C" NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);

-- The chunks of a manifest's id list that arrived: "chunk of chunks". The list is whole when every chunk of the
-- count ManifestCounted names is here.
CREATE TABLE manifest_id_chunk (
    run_id       text        NOT NULL,
    resource     text        NOT NULL,
    chunks       integer     NOT NULL,
    chunk        integer     NOT NULL,
    ids          integer     NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (run_id, resource, chunks, chunk)
);
