-- Object Lock (issue 15): the retention and legal hold of object versions. Only a version given one has a row, so
-- buckets without Object Lock never touch this table; it is kept out of objects for the same reason object_acls
-- is. A row goes with its version, in the transaction that removes the version, and the commit path refuses that
-- removal while the retention or the legal hold protects the version.
CREATE TABLE object_locks (
    bucket        TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    version_id    TEXT    NOT NULL,
    mode          TEXT,
    retain_until  INTEGER,
    legal_hold    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, key, version_id)
) WITHOUT ROWID;

-- The retention and legal hold a multipart upload's object gets at completion (x-amz-object-lock-* given to
-- CreateMultipartUpload, or the bucket's default retention), encoded by the storage service; NULL for none.
ALTER TABLE uploads ADD COLUMN object_lock TEXT;
