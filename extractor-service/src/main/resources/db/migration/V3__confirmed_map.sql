-- Issue 11 step 2: the sha256 of the confirmed map a run was started on (mapping_version names it, confirmed/vN).
-- Null for runs started before the map gate, or with the gate off (ferry.extractor.map-gate.required=false).
ALTER TABLE extraction_run ADD COLUMN map_sha256 CHAR(64);
