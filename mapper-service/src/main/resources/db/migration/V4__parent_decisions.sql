-- Issue 9: a child record (a treatment case) waits for its parent's decision and is rejected with parent.rejected
-- when the parent was rejected. The emission row keeps the rule that rejected a record (a rule name, never a value),
-- and is found by record.
ALTER TABLE emission ADD COLUMN rule text;
CREATE INDEX emission_by_record ON emission (resource, source_id, emitted_at DESC);

-- Issue 9: a deal without a practitioner of its own goes to the clinic's office manager. The clinics a practitioner
-- works at (comma-separated source ids; staff data, not patient data).
ALTER TABLE practitioner_match ADD COLUMN clinic_ids text;
