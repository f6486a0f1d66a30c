-- Issue 8, hole 2: a newer version of a parked command (same command id, other fields) replaces the parked one
-- instead of being dropped. The revision tells a worker that finished an older version not to delete the newer one.
ALTER TABLE parked ADD COLUMN revision integer NOT NULL DEFAULT 0;

-- Issue 8, hole 1: a command Freshsales gave no definitive answer for waits here, its intent open, until not_before;
-- it is never failed for that reason.
ALTER TABLE parked ADD COLUMN not_before timestamptz;
