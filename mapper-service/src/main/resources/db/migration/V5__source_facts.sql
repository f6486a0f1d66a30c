-- Issue 9: the few fields of a source record that another mapping compares with (a treatment case's currency, which
-- its billing record must agree with), as {"field": "text"}. Only what the spec's agree-with-parent rules name; null
-- for every other record. Business codes, not patient data.
ALTER TABLE source_index ADD COLUMN facts jsonb;
