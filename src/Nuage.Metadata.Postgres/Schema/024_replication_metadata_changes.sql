-- Replication of metadata-only changes (issue 17): SQLite's 024 in PostgreSQL. A row of replication_outbox with
-- metadata_only reports a change of an existing version's tags, ACL, retention or legal hold, written in that change's
-- transaction; it shares the key's order (seq) with the version rows. Rows written before this migration are versions'.
ALTER TABLE replication_outbox ADD COLUMN metadata_only BOOLEAN NOT NULL DEFAULT FALSE;
