-- The records a unique value's holder is rejected without (its clinic, for a patient): a holder keeps its values
-- only while each of them is a known, undeleted source record (issue 8, hole 8). Ids only, no patient data.
CREATE TABLE unique_key_requires (
    resource     text NOT NULL,
    source_id    text NOT NULL,
    ref_resource text NOT NULL,
    ref_id       text NOT NULL,
    PRIMARY KEY (resource, source_id, ref_resource, ref_id)
);
