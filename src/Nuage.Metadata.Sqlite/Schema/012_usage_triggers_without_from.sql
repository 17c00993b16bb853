-- The usage triggers of schema 011, rewritten without UPDATE ... FROM (issue 15, docs/performance.md "Versioning
-- cost").
--
-- SQLite runs an UPDATE ... FROM by first materialising the joined FROM rows into an ephemeral table, and an
-- ephemeral table is a temporary b-tree with a page cache of its own, created and destroyed by every statement that
-- fires the trigger. A versioned PUT moves its key's pointer, so every one of them paid for that: a profile of
-- bench/Nuage.Bench.Metadata showed two page caches made and torn down per PUT (pcache1ResizeHash,
-- pcache1TruncateUnsafe), 10% of the CPU of a versioned PUT's metadata commit. Scalar subqueries read the same
-- version rows by seq (the rowid) in place, with no temporary table.
--
-- A version the pointer names always exists when the trigger runs (schema 011: the pointer changes before the
-- version it names is removed, and after the version it names is written); IFNULL keeps a counter a number even if
-- that were ever not so, where the join form would have skipped the update.

DROP TRIGGER bucket_usage_on_object_update;
DROP TRIGGER bucket_usage_on_current_insert;
DROP TRIGGER bucket_usage_on_current_update;
DROP TRIGGER bucket_usage_on_current_delete;

-- An in-place overwrite of a version (the null version of an unversioned bucket): when it is the current one, the
-- listed figures change with it.
CREATE TRIGGER bucket_usage_on_object_update AFTER UPDATE OF size, is_delete_marker ON objects BEGIN
    UPDATE bucket_usage SET
        stored_bytes = stored_bytes - old.size + new.size,
        objects = objects + IFNULL((SELECT (NOT new.is_delete_marker) - (NOT old.is_delete_marker)
                                    FROM current_objects WHERE bucket = new.bucket AND key = new.key AND seq = new.seq), 0),
        bytes = bytes + IFNULL((SELECT (NOT new.is_delete_marker) * new.size - (NOT old.is_delete_marker) * old.size
                                FROM current_objects WHERE bucket = new.bucket AND key = new.key AND seq = new.seq), 0)
    WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_insert AFTER INSERT ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects + IFNULL((SELECT NOT is_delete_marker FROM objects WHERE seq = new.seq), 0),
        bytes = bytes + IFNULL((SELECT (NOT is_delete_marker) * size FROM objects WHERE seq = new.seq), 0)
    WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_update AFTER UPDATE OF seq ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - IFNULL((SELECT NOT is_delete_marker FROM objects WHERE seq = old.seq), 0)
                          + IFNULL((SELECT NOT is_delete_marker FROM objects WHERE seq = new.seq), 0),
        bytes = bytes - IFNULL((SELECT (NOT is_delete_marker) * size FROM objects WHERE seq = old.seq), 0)
                      + IFNULL((SELECT (NOT is_delete_marker) * size FROM objects WHERE seq = new.seq), 0)
    WHERE bucket = new.bucket;
END;

CREATE TRIGGER bucket_usage_on_current_delete AFTER DELETE ON current_objects BEGIN
    UPDATE bucket_usage SET
        objects = objects - IFNULL((SELECT NOT is_delete_marker FROM objects WHERE seq = old.seq), 0),
        bytes = bytes - IFNULL((SELECT (NOT is_delete_marker) * size FROM objects WHERE seq = old.seq), 0)
    WHERE bucket = old.bucket;
END;
