-- Custom-module records: one resource (custom-module-records), read module by module from
-- custom-modules/{key}/records. Page numbers only mean something within one module, so checkpoints and the page grid
-- are kept per module; the records themselves stay in run_record under the resource, with the composite id
-- "{key}/{id}" (ids are not unique across modules), so counts and manifests over the resource work unchanged.

-- A checkpoint now names its module ('' for every other resource). The foreign key to run_resource stays: the
-- resource of a module's checkpoint is still custom-module-records.
ALTER TABLE page_checkpoint ADD COLUMN module_key VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE page_checkpoint DROP CONSTRAINT page_checkpoint_pkey;
ALTER TABLE page_checkpoint ADD PRIMARY KEY (run_id, resource, module_key, page);

-- "{key}/{id}": a module key (at most 100 characters) plus a separator plus an id (at most 200).
ALTER TABLE run_record ALTER COLUMN source_id TYPE VARCHAR(301);

-- One custom module of a run: its page grid (fixed by its first page, kept for resumes, as run_resource keeps a
-- resource's) and, once its page pass and verification rounds are through, when they finished and with what
-- outcome, so a resumed run skips it.
CREATE TABLE run_module (
    run_id              VARCHAR(100) NOT NULL REFERENCES extraction_run (run_id),
    module_key          VARCHAR(100) NOT NULL,
    page_size           INTEGER,
    total_pages         INTEGER,
    reported_total      BIGINT,
    verification_rounds INTEGER,
    unverified_tail     BIGINT,
    finished_at         TIMESTAMPTZ,
    PRIMARY KEY (run_id, module_key)
);
