-- Last-writer-wins of metadata-only changes (issue 17 "Two-way replication converges: conflicts resolve
-- last-writer-wins on (timestamp, region id)"; docs/replication.md "Two-way").
--
-- A replicating version's tags, ACL, retention and legal hold may be changed in both regions at once (replica
-- modification sync). Each change that replicates stamps the version with when and where it was made: changed_at
-- (UTC ticks, one tick after the previous stamp when that one is not earlier) and changed_in (the region's federation
-- name). A push carries the stamp, and the receiving region applies it only when it is later, by (changed_at,
-- changed_in), than the stamp it has, so both regions end with the last change. Kept beside the version's replication
-- status, which exists for exactly the versions that replicate and leaves with the version. Null on rows written
-- before this migration and on versions whose metadata never changed so: any stamped change is later.
ALTER TABLE replication_status ADD COLUMN changed_at INTEGER;
ALTER TABLE replication_status ADD COLUMN changed_in TEXT;
