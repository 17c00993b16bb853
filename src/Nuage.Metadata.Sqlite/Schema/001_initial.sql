-- Initial schema. Keys are TEXT with the default BINARY collation: SQLite compares such text with memcmp on
-- the database encoding, which is UTF-8 here, so index order is S3's UTF-8 byte order.
-- Timestamps are UTC ticks (100 ns), ids of blobs are 16-byte BLOBs.

CREATE TABLE buckets (
    name        TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX buckets_by_owner ON buckets (owner, name);

-- A rowid table (not WITHOUT ROWID): rows carry inline bodies up to 128 KiB, which belong in overflow pages of a
-- table b-tree, not in an index b-tree. inline_data is the last column so listings never touch its overflow pages.
CREATE TABLE objects (
    bucket              TEXT    NOT NULL,
    key                 TEXT    NOT NULL,
    version_id          TEXT    NOT NULL,
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
    inline_data         BLOB
);

CREATE UNIQUE INDEX objects_by_key ON objects (bucket, key);

CREATE TABLE uploads (
    upload_id           TEXT    NOT NULL PRIMARY KEY,
    bucket              TEXT    NOT NULL,
    key                 TEXT    NOT NULL,
    initiated           INTEGER NOT NULL,
    owner               TEXT    NOT NULL,
    checksum_algorithm  TEXT,
    content_type        TEXT,
    content_encoding    TEXT,
    content_disposition TEXT,
    content_language    TEXT,
    cache_control       TEXT,
    expires             TEXT,
    user_metadata       TEXT
);

CREATE INDEX uploads_by_key ON uploads (bucket, key, upload_id);
CREATE INDEX uploads_by_initiated ON uploads (initiated);

CREATE TABLE parts (
    upload_id           TEXT    NOT NULL,
    part_number         INTEGER NOT NULL,
    size                INTEGER NOT NULL,
    etag                TEXT    NOT NULL,
    last_modified       INTEGER NOT NULL,
    checksum_algorithm  TEXT,
    checksum_value      TEXT,
    blob_id             BLOB    NOT NULL,
    PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;

-- Blobs to reclaim, written in the transaction that stopped referencing them (DESIGN.md invariant 2).
CREATE TABLE garbage (
    blob_id   BLOB    NOT NULL PRIMARY KEY,
    added_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX garbage_by_age ON garbage (added_at);
