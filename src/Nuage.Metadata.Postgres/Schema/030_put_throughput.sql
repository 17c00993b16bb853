-- Small object bodies stay in the objects row itself (issue 18, PUT throughput; docs/metadata-engines.md "Writes").
-- A body up to the inline threshold is stored in objects.inline_data. PostgreSQL moves a row's wide values out of
-- line once the row passes toast_tuple_target (2 KiB by default): a 4 KiB PUT then tried to compress its body (pglz),
-- wrote it as chunks into the TOAST table and its index, and extended that table page by page, about a fifth of the
-- writer backend's time. With the target at its maximum (8160 bytes on 8 KiB pages, a row alone on a page) a row that
-- fits a page is written whole into the heap; larger bodies are compressed and moved out of line as before. Only
-- rows written from now on change; a reloption, so no table rewrite and only a brief lock.
ALTER TABLE objects SET (toast_tuple_target = 8160);

-- Usage bookkeeping per statement instead of per row. The row triggers of 021 updated the bucket's one usage row
-- once or twice per PUT, each update a new version of that row in the same transaction; the writer now sends a
-- batch's PUTs as one multi-row statement per step (PostgresPutGroup), so these triggers read the statement's rows
-- from its transition tables, sum them per bucket and update each bucket's row once. The sums are those of the row
-- triggers: PostgreSQL fires AFTER ROW triggers only once the statement is done too, so both read the same state
-- (which current_objects row names which version). A table cannot have one trigger with transition tables for
-- several events, hence one per event; none may name columns, so the pointer's UPDATE trigger sums every updated
-- row (a row whose seq did not change adds what it takes away). A statement that changed no row returns at once.

-- Written to run again on a database that has it (IF EXISTS, OR REPLACE): tests take a database back to an older
-- version by deleting version rows only.
DROP TRIGGER IF EXISTS bucket_usage_on_object ON objects;
DROP TRIGGER IF EXISTS bucket_usage_on_current ON current_objects;
DROP TRIGGER IF EXISTS garbage_count ON garbage;
DROP FUNCTION IF EXISTS nuage_bucket_usage_on_object();
DROP FUNCTION IF EXISTS nuage_bucket_usage_on_current();
DROP FUNCTION IF EXISTS nuage_garbage_count();

-- objects: stored_bytes counts every version; objects/bytes count current versions that are not delete markers,
-- which current_objects decides (below). An update of a row that is current moves its contribution.
CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_objects_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bucket_usage u SET stored_bytes = u.stored_bytes + s.bytes
    FROM (SELECT bucket, sum(size)::BIGINT AS bytes FROM new_rows GROUP BY bucket) s
    WHERE u.bucket = s.bucket;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_objects_insert ON objects;
CREATE TRIGGER bucket_usage_on_objects_insert AFTER INSERT ON objects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_objects_insert();

CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_objects_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM old_rows) THEN
        RETURN NULL;
    END IF;
    UPDATE bucket_usage u SET stored_bytes = u.stored_bytes - s.bytes
    FROM (SELECT bucket, sum(size)::BIGINT AS bytes FROM old_rows GROUP BY bucket) s
    WHERE u.bucket = s.bucket;
    DELETE FROM replication_status r USING old_rows o
    WHERE r.bucket = o.bucket AND r.key = o.key AND r.version_id = o.version_id;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_objects_delete ON objects;
CREATE TRIGGER bucket_usage_on_objects_delete AFTER DELETE ON objects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_objects_delete();

-- An update never changes a row's (bucket, key, version_id) (objects_by_version is unique), so it pairs the old and
-- new versions of each row; seq may change (a replica's version moved down its key's history).
CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_objects_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bucket_usage u SET
        stored_bytes = u.stored_bytes + s.stored_bytes, objects = u.objects + s.objects, bytes = u.bytes + s.bytes
    FROM (
        SELECT n.bucket,
            sum(n.size - o.size)::BIGINT AS stored_bytes,
            sum(CASE WHEN c.seq IS NULL THEN 0 ELSE
                (CASE WHEN n.is_delete_marker THEN 0 ELSE 1 END) - (CASE WHEN o.is_delete_marker THEN 0 ELSE 1 END) END)::BIGINT AS objects,
            sum(CASE WHEN c.seq IS NULL THEN 0 ELSE
                (CASE WHEN n.is_delete_marker THEN 0 ELSE n.size END) - (CASE WHEN o.is_delete_marker THEN 0 ELSE o.size END) END)::BIGINT AS bytes
        FROM new_rows n
        JOIN old_rows o ON o.bucket = n.bucket AND o.key = n.key AND o.version_id = n.version_id
        LEFT JOIN current_objects c ON c.bucket = n.bucket AND c.key = n.key AND c.seq = n.seq
        WHERE n.size <> o.size OR n.is_delete_marker <> o.is_delete_marker
        GROUP BY n.bucket) s
    WHERE u.bucket = s.bucket;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_objects_update ON objects;
CREATE TRIGGER bucket_usage_on_objects_update AFTER UPDATE ON objects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_objects_update();

-- current_objects: a key's current version counts in objects/bytes unless it is a delete marker. A pointer whose
-- version is gone counts nothing (as the row trigger's COALESCE did).
CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_current_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bucket_usage u SET objects = u.objects + s.objects, bytes = u.bytes + s.bytes
    FROM (
        SELECT p.bucket, count(*) FILTER (WHERE NOT v.is_delete_marker) AS objects,
            COALESCE(sum(v.size) FILTER (WHERE NOT v.is_delete_marker), 0)::BIGINT AS bytes
        FROM new_rows p JOIN objects v ON v.seq = p.seq GROUP BY p.bucket) s
    WHERE u.bucket = s.bucket AND (s.objects <> 0 OR s.bytes <> 0);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_current_insert ON current_objects;
CREATE TRIGGER bucket_usage_on_current_insert AFTER INSERT ON current_objects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_current_insert();

CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_current_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bucket_usage u SET objects = u.objects - s.objects, bytes = u.bytes - s.bytes
    FROM (
        SELECT p.bucket, count(*) FILTER (WHERE NOT v.is_delete_marker) AS objects,
            COALESCE(sum(v.size) FILTER (WHERE NOT v.is_delete_marker), 0)::BIGINT AS bytes
        FROM old_rows p JOIN objects v ON v.seq = p.seq GROUP BY p.bucket) s
    WHERE u.bucket = s.bucket AND (s.objects <> 0 OR s.bytes <> 0);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_current_delete ON current_objects;
CREATE TRIGGER bucket_usage_on_current_delete AFTER DELETE ON current_objects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_current_delete();

CREATE OR REPLACE FUNCTION nuage_bucket_usage_on_current_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bucket_usage u SET objects = u.objects + s.objects, bytes = u.bytes + s.bytes
    FROM (
        SELECT bucket, sum(objects)::BIGINT AS objects, sum(bytes)::BIGINT AS bytes FROM (
            SELECT p.bucket, count(*) FILTER (WHERE NOT v.is_delete_marker) AS objects,
                COALESCE(sum(v.size) FILTER (WHERE NOT v.is_delete_marker), 0) AS bytes
            FROM new_rows p JOIN objects v ON v.seq = p.seq GROUP BY p.bucket
            UNION ALL
            SELECT p.bucket, -count(*) FILTER (WHERE NOT v.is_delete_marker),
                -COALESCE(sum(v.size) FILTER (WHERE NOT v.is_delete_marker), 0)
            FROM old_rows p JOIN objects v ON v.seq = p.seq GROUP BY p.bucket) d
        GROUP BY bucket) s
    WHERE u.bucket = s.bucket AND (s.objects <> 0 OR s.bytes <> 0);
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS bucket_usage_on_current_update ON current_objects;
CREATE TRIGGER bucket_usage_on_current_update AFTER UPDATE ON current_objects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_bucket_usage_on_current_update();

-- The garbage count (store_counters), one update per statement that added or removed rows.
CREATE OR REPLACE FUNCTION nuage_garbage_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added BIGINT := (SELECT count(*) FROM new_rows);
BEGIN
    IF added > 0 THEN
        UPDATE store_counters SET value = value + added WHERE name = 'garbage_blobs';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS garbage_count_insert ON garbage;
CREATE TRIGGER garbage_count_insert AFTER INSERT ON garbage
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_garbage_count_insert();

CREATE OR REPLACE FUNCTION nuage_garbage_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    removed BIGINT := (SELECT count(*) FROM old_rows);
BEGIN
    IF removed > 0 THEN
        UPDATE store_counters SET value = value - removed WHERE name = 'garbage_blobs';
    END IF;
    RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS garbage_count_delete ON garbage;
CREATE TRIGGER garbage_count_delete AFTER DELETE ON garbage
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nuage_garbage_count_delete();
