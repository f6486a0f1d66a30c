-- Issue 11 step 2: confirmed maps. A confirmed map is a mapping spec text an operator confirmed; it is never changed
-- or deleted (a new confirmation is a new version), and runs name the version they map with. sha256 is the hex digest
-- of text as confirmed: a text that no longer hashes to it is a changed map, and no run starts on it.
CREATE TABLE confirmed_map (
    version       integer      PRIMARY KEY,
    spec_version  varchar(100) NOT NULL,   -- the spec's own version line (its base, e.g. dentes-freshsales/v1)
    sha256        char(64)     NOT NULL,
    text          text         NOT NULL,
    confirmed_by  varchar(200) NOT NULL,   -- the token's principal (an operator), never a password or token
    confirmed_at  timestamptz  NOT NULL,
    proposal_id   varchar(100),            -- the proposal it was made from, when the operator named one
    comment       varchar(500)
);

-- The hash of the map a run was started on (RUN_STARTED mapSha256): the mapper maps the run only with a map whose
-- text still has it. Null for runs started before confirmations existed.
ALTER TABLE run ADD COLUMN map_sha256 char(64);
