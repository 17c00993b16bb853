-- Versioning (issue 15, docs/design/versioning.md). A key may now have many rows, one per version: the version
-- written last is the latest (is_latest = 1), a delete marker is a version without data (is_delete_marker = 1).
--
-- The objects table is rebuilt rather than altered: ADD COLUMN would append the new columns after inline_data, and
-- every listing reads is_latest / is_delete_marker, so each listed inline object would walk its body's overflow
-- pages. In the new table inline_data is the last column again, with upload_id (002) and tags (006) before it, and
-- encryption: the server-side encryption envelope that schema 009 puts to use (NULL, stored in the clear, for every
-- row written before it). Created here so that it, too, sits before inline_data.
--
-- seq is the INTEGER PRIMARY KEY (the rowid alias): SQLite gives a new row a larger rowid than every row present,
-- so within a key the newest version has the greatest seq, even when two commits share a timestamp; being the
-- declared primary key, VACUUM keeps it. Existing rows keep their rowid as their seq.

CREATE TABLE objects_v7 (
    seq                 INTEGER PRIMARY KEY,
    bucket              TEXT    NOT NULL,
    key                 TEXT    NOT NULL,
    version_id          TEXT    NOT NULL,
    is_latest           INTEGER NOT NULL DEFAULT 1,
    is_delete_marker    INTEGER NOT NULL DEFAULT 0,
    size                INTEGER NOT NULL,
    etag                TEXT    NOT NULL,
    last_modified       INTEGER NOT NULL,
    origin_region       TEXT    NOT NULL,
    owner               TEXT    NOT NULL,
    checksum_algorithm  TEXT,
    checksum_value      TEXT,
    checksum_composite  INTEGER NOT NULL DEFAULT 0,
    parts_count         INTEGER,
    content_type        TEXT,
    content_encoding    TEXT,
    content_disposition TEXT,
    content_language    TEXT,
    cache_control       TEXT,
    expires             TEXT,
    user_metadata       TEXT,
    manifest            BLOB,
    inline_checksum     INTEGER,
    upload_id           TEXT,
    tags                TEXT,
    encryption          BLOB,
    inline_data         BLOB
);

INSERT INTO objects_v7 (
    seq, bucket, key, version_id, is_latest, is_delete_marker, size, etag, last_modified, origin_region, owner,
    checksum_algorithm, checksum_value, checksum_composite, parts_count, content_type, content_encoding,
    content_disposition, content_language, cache_control, expires, user_metadata, manifest, inline_checksum,
    upload_id, tags, inline_data)
SELECT
    rowid, bucket, key, version_id, 1, 0, size, etag, last_modified, origin_region, owner,
    checksum_algorithm, checksum_value, checksum_composite, parts_count, content_type, content_encoding,
    content_disposition, content_language, cache_control, expires, user_metadata, manifest, inline_checksum,
    upload_id, tags, inline_data
FROM objects;

-- Dropping the old table drops its index and its usage triggers with it; both are made again below.
DROP TABLE objects;
ALTER TABLE objects_v7 RENAME TO objects;

-- A version by its id (GET ?versionId=, DELETE ?versionId=).
CREATE UNIQUE INDEX objects_by_version ON objects (bucket, key, version_id);

-- The current version of each key: GET/HEAD without a version id and the listings of current objects seek it, so a
-- key with a thousand versions costs them one index entry. Partial, unique: a key has at most one latest version.
CREATE UNIQUE INDEX objects_current ON objects (bucket, key) WHERE is_latest = 1;

-- Every version of a key, newest first: ListObjectVersions walks it, and removing the latest version seeks the
-- newest remaining one through it.
CREATE INDEX objects_versions ON objects (bucket, key, seq DESC);

-- An ACL belongs to a version. Rebuilt with the version in its key; every ACL so far is the null version's.
CREATE TABLE object_acls_v7 (
    bucket      TEXT NOT NULL,
    key         TEXT NOT NULL,
    version_id  TEXT NOT NULL,
    acl         TEXT NOT NULL,
    PRIMARY KEY (bucket, key, version_id)
) WITHOUT ROWID;

INSERT INTO object_acls_v7 (bucket, key, version_id, acl) SELECT bucket, key, 'null', acl FROM object_acls;
DROP TABLE object_acls;
ALTER TABLE object_acls_v7 RENAME TO object_acls;

-- The bucket's versioning state: 0 never enabled (unversioned), 1 Enabled, 2 Suspended. A column of the bucket row,
-- not a bucket setting, because every write reads the bucket row in its transaction anyway.
ALTER TABLE buckets ADD COLUMN versioning INTEGER NOT NULL DEFAULT 0;

-- Usage: objects and bytes count what a listing shows (latest versions that are not delete markers); stored_bytes
-- counts every version, what the disk holds.
ALTER TABLE bucket_usage ADD COLUMN stored_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE bucket_usage SET stored_bytes = bytes;

CREATE TRIGGER bucket_usage_on_object_insert AFTER INSERT ON objects BEGIN
    UPDATE bucket_usage SET
        objects = objects + (new.is_latest AND NOT new.is_delete_marker),
        bytes = bytes + (new.is_latest AND NOT new.is_delete_marker) * new.size,
        stored_bytes = stored_bytes + new.size
    WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_object_delete AFTER DELETE ON objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - (old.is_latest AND NOT old.is_delete_marker),
        bytes = bytes - (old.is_latest AND NOT old.is_delete_marker) * old.size,
        stored_bytes = stored_bytes - old.size
    WHERE bucket = old.bucket;
END;

-- An in-place overwrite of the null version, or a version losing (or regaining) its latest flag.
CREATE TRIGGER bucket_usage_on_object_update AFTER UPDATE OF size, is_latest, is_delete_marker ON objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - (old.is_latest AND NOT old.is_delete_marker) + (new.is_latest AND NOT new.is_delete_marker),
        bytes = bytes - (old.is_latest AND NOT old.is_delete_marker) * old.size
                      + (new.is_latest AND NOT new.is_delete_marker) * new.size,
        stored_bytes = stored_bytes - old.size + new.size
    WHERE bucket = new.bucket;
END;
