-- Records that reached the mapper in a form it cannot decode, by the Kafka key the extractor gave them (the source id),
-- and the ids each run's manifest names (MANIFEST_IDS). Together they tell a record that never came from one that
-- came unreadable: the second ends REJECTED record.unreadable instead of holding its dependants forever (issue 8,
-- hole 5). Ids and reasons only, never content.
CREATE TABLE unreadable (
    resource  text        NOT NULL,
    source_id text        NOT NULL,
    reason    text        NOT NULL,
    seen_at   timestamptz NOT NULL,
    PRIMARY KEY (resource, source_id)
);

CREATE TABLE manifest_id (
    run_id    text NOT NULL,
    resource  text NOT NULL,
    source_id text NOT NULL,
    PRIMARY KEY (run_id, resource, source_id)
);
