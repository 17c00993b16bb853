-- The latest version of each key as a row of its own (issue 15, docs/performance.md "Versioning cost").
--
-- Until now the latest version carried is_latest = 1, indexed by the partial index objects_current. A new version
-- then had to clear the flag on the previous one: an UPDATE of that row's leaf page, anywhere in a table of every
-- version ever kept, on top of the new row and its index entries. Here the pointer to the latest version lives in
-- current_objects, one small row per key: a new version upserts that row (a page of a small, hot table) and never
-- touches the previous version. GET/HEAD without a version id and the listings of current objects read the
-- pointer, then the version by seq (the rowid): the same two seeks objects_current took (its entry, then the row).
--
-- Invariant: a key has a current_objects row exactly when it has at least one version, and the row names its newest
-- version (the greatest seq). Writes keep it in the transaction that changes the versions (WriteTransaction).
--
-- is_latest is retired, not dropped: DROP COLUMN would rewrite every row of objects, inline bodies included, in
-- one transaction. Nothing reads or maintains it after this migration; whether a version is latest is
-- current_objects.seq = objects.seq.

CREATE TABLE current_objects (
    bucket  TEXT    NOT NULL,
    key     TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (bucket, key)
) WITHOUT ROWID;

INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects WHERE is_latest = 1;

DROP INDEX objects_current;

-- objects_versions is rebuilt ascending. Schema 007 made it (bucket, key, seq DESC) so that ListObjectVersions could
-- read each key's versions newest first straight from it; but then every new version is inserted at the front of its
-- key's run of entries, and SQLite pays for that: the metadata commit of a versioned 4 KiB PUT took 155-166 us of
-- CPU with the descending index against 108-127 us with this one (docs/performance.md, "Versioning cost"). Reads of
-- one key's versions newest first (a version-id-marker, the newest version after a removal) walk this index
-- backwards, which SQLite does without sorting; the multi-key listing sorts each key's versions on its own ("USE TEMP
-- B-TREE FOR LAST TERM OF ORDER BY"), with no more than one key's versions in the sorter at a time.
DROP INDEX objects_versions;
CREATE INDEX objects_versions ON objects (bucket, key, seq);

-- Usage (schema 005, 007): objects and bytes count what a listing shows (latest versions that are not delete
-- markers), stored_bytes every version. A version's rows count toward stored_bytes; the pointer counts it toward
-- objects and bytes. The pointer's triggers read the versions they name, so a pointer changes before the version
-- it names is removed, and after the version it names is written.
DROP TRIGGER bucket_usage_on_object_insert;
DROP TRIGGER bucket_usage_on_object_delete;
DROP TRIGGER bucket_usage_on_object_update;

CREATE TRIGGER bucket_usage_on_object_insert AFTER INSERT ON objects BEGIN
    UPDATE bucket_usage SET stored_bytes = stored_bytes + new.size WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_object_delete AFTER DELETE ON objects BEGIN
    UPDATE bucket_usage SET stored_bytes = stored_bytes - old.size WHERE bucket = old.bucket;
END;

-- An in-place overwrite of a version (the null version of an unversioned bucket): when it is the current one, the
-- listed figures change with it.
CREATE TRIGGER bucket_usage_on_object_update AFTER UPDATE OF size, is_delete_marker ON objects BEGIN
    UPDATE bucket_usage SET
        stored_bytes = stored_bytes - old.size + new.size,
        objects = objects - (c.seq IS NOT NULL AND NOT old.is_delete_marker) + (c.seq IS NOT NULL AND NOT new.is_delete_marker),
        bytes = bytes - (c.seq IS NOT NULL AND NOT old.is_delete_marker) * old.size
                      + (c.seq IS NOT NULL AND NOT new.is_delete_marker) * new.size
    FROM (SELECT (SELECT seq FROM current_objects WHERE bucket = new.bucket AND key = new.key AND seq = new.seq) AS seq) AS c
    WHERE bucket_usage.bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_insert AFTER INSERT ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects + (NOT o.is_delete_marker),
        bytes = bytes + (NOT o.is_delete_marker) * o.size
    FROM (SELECT is_delete_marker, size FROM objects WHERE seq = new.seq) AS o
    WHERE bucket_usage.bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_update AFTER UPDATE OF seq ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - (NOT o.is_delete_marker) + (NOT n.is_delete_marker),
        bytes = bytes - (NOT o.is_delete_marker) * o.size + (NOT n.is_delete_marker) * n.size
    FROM (SELECT is_delete_marker, size FROM objects WHERE seq = old.seq) AS o,
         (SELECT is_delete_marker, size FROM objects WHERE seq = new.seq) AS n
    WHERE bucket_usage.bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_delete AFTER DELETE ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - (NOT o.is_delete_marker),
        bytes = bytes - (NOT o.is_delete_marker) * o.size
    FROM (SELECT is_delete_marker, size FROM objects WHERE seq = old.seq) AS o
    WHERE bucket_usage.bucket = old.bucket;
END;
