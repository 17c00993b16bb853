-- Replication of metadata-only changes (issue 17, docs/replication.md "What replicates, and when").
--
-- A row of replication_outbox with metadata_only = 1 reports a change of an existing version's tags, ACL, retention
-- or legal hold (PutObjectTagging, DeleteObjectTagging, PutObjectAcl, PutObjectRetention, PutObjectLegalHold),
-- written in that change's transaction as a new version's row is in its commit's. The worker sends the version's
-- metadata as it is when it pushes, to the same version at the destination. It shares the key's order with the
-- version rows (seq), so a change never reaches the destination before the version it changes. Rows written before
-- this migration are all versions' rows (0).
ALTER TABLE replication_outbox ADD COLUMN metadata_only INTEGER NOT NULL DEFAULT 0;
