-- Usage kept current by the transaction that changes it (issue 14: per-bucket objects and bytes, and the
-- collector's backlog, published without scanning a bucket or the garbage table on every scrape). Triggers, not
-- statements in each write path, so every way a row comes or goes (put, overwrite, delete, and later versions and
-- lifecycle) is counted in the same transaction as the change itself.

CREATE TABLE bucket_usage (
    bucket   TEXT    NOT NULL PRIMARY KEY,
    objects  INTEGER NOT NULL,
    bytes    INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO bucket_usage (bucket, objects, bytes)
    SELECT name, (SELECT count(*) FROM objects WHERE objects.bucket = buckets.name),
           (SELECT coalesce(sum(size), 0) FROM objects WHERE objects.bucket = buckets.name)
    FROM buckets;

CREATE TRIGGER bucket_usage_on_bucket_insert AFTER INSERT ON buckets BEGIN
    INSERT OR IGNORE INTO bucket_usage (bucket, objects, bytes) VALUES (new.name, 0, 0);
END;

CREATE TRIGGER bucket_usage_on_bucket_delete AFTER DELETE ON buckets BEGIN
    DELETE FROM bucket_usage WHERE bucket = old.name;
END;

CREATE TRIGGER bucket_usage_on_object_insert AFTER INSERT ON objects BEGIN
    UPDATE bucket_usage SET objects = objects + 1, bytes = bytes + new.size WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_object_delete AFTER DELETE ON objects BEGIN
    UPDATE bucket_usage SET objects = objects - 1, bytes = bytes - old.size WHERE bucket = old.bucket;
END;

-- An overwrite (the upsert's DO UPDATE) keeps the count and changes the bytes.
CREATE TRIGGER bucket_usage_on_object_update AFTER UPDATE OF bucket, size ON objects BEGIN
    UPDATE bucket_usage SET objects = objects - 1, bytes = bytes - old.size WHERE bucket = old.bucket;
    UPDATE bucket_usage SET objects = objects + 1, bytes = bytes + new.size WHERE bucket = new.bucket;
END;

CREATE TABLE store_counters (
    name   TEXT    NOT NULL PRIMARY KEY,
    value  INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO store_counters (name, value) VALUES ('garbage_blobs', (SELECT count(*) FROM garbage));

CREATE TRIGGER garbage_count_on_insert AFTER INSERT ON garbage BEGIN
    UPDATE store_counters SET value = value + 1 WHERE name = 'garbage_blobs';
END;

CREATE TRIGGER garbage_count_on_delete AFTER DELETE ON garbage BEGIN
    UPDATE store_counters SET value = value - 1 WHERE name = 'garbage_blobs';
END;
