-- Issue 10: a workflow or an integration ends DOCUMENTED, and its entry of the rebuild document rides on that outcome
-- (LoadOutcome.document). It is stored with the outcome, once like every outcome, and the documents are rendered from
-- it on request (GET /runs/{runId}/rebuild/...). Built by the mapper from published fields only: never a credential.
ALTER TABLE outcome ADD COLUMN document jsonb;
CREATE INDEX outcome_documented ON outcome (run_id, resource, source_id) WHERE kind = 'DOCUMENTED';
