-- Cross-region replication (issue 17, docs/replication.md).
--
-- replication_outbox: one row per object version (or delete marker) and replication rule that must reach a
-- destination bucket in another region. Written in the transaction of the commit it reports, so a version exists
-- here exactly when its commit does: kill -9 after an acknowledged write loses no replication, a rolled-back write
-- sends none. The replication worker pushes a row, then deletes it; a failed push is tried again after
-- next_attempt_at. A key's rows are pushed in seq order: a row is due only when no older row of its key waits
-- (replication_outbox_key), so a retried version is never overtaken by a newer one of the same key.
--
-- created_at: the commit time of the version (what lag and "oldest pending write" are measured from).
-- size: the version's bytes (the backlog in bytes); 0 for a delete marker.
CREATE TABLE replication_outbox (
    seq                INTEGER PRIMARY KEY,
    bucket             TEXT    NOT NULL,
    key                TEXT    NOT NULL,
    version_id         TEXT    NOT NULL,
    rule_id            TEXT    NOT NULL,
    destination_bucket TEXT    NOT NULL,
    is_delete_marker   INTEGER NOT NULL,
    size               INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER NOT NULL,
    last_error         TEXT
);

CREATE INDEX replication_outbox_key ON replication_outbox (bucket, key, seq);
CREATE INDEX replication_outbox_due ON replication_outbox (next_attempt_at, seq);

-- x-amz-replication-status of a version: PENDING, COMPLETED or FAILED on a source, REPLICA on a destination. Versions
-- without a row have none (their bucket replicates nothing). A row leaves with its version.
CREATE TABLE replication_status (
    bucket     TEXT NOT NULL,
    key        TEXT NOT NULL,
    version_id TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (bucket, key, version_id)
) WITHOUT ROWID;

CREATE TRIGGER replication_status_on_object_delete AFTER DELETE ON objects BEGIN
    DELETE FROM replication_status WHERE bucket = old.bucket AND key = old.key AND version_id = old.version_id;
END;
