namespace Nuage.Metadata.Postgres;

/// <summary>
/// Statements of the replication outbox and the versions' replication status: SQLite's ReplicationSql in
/// PostgreSQL. Keys are bound as their UTF-8 bytes (BYTEA, as every key column of this schema).
/// </summary>
internal static class PostgresReplicationSql
{
    public const string Insert =
        "INSERT INTO replication_outbox (bucket, key, version_id, rule_id, destination_bucket, is_delete_marker, size, created_at, next_attempt_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)";

    public const string Delete = "DELETE FROM replication_outbox WHERE seq = $1";

    public const string Defer = "UPDATE replication_outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 WHERE seq = $1";

    /// <summary>
    /// Due rows that are the oldest of their key: a key's versions reach the destination in commit order, and a row
    /// that waits for a retry holds back the newer rows of its key (never those of other keys). The NOT EXISTS is an
    /// index seek on replication_outbox_key (bucket, key, seq).
    /// </summary>
    public const string ListDue =
        "SELECT seq, bucket, key, version_id, rule_id, destination_bucket, is_delete_marker, size, created_at, attempts, next_attempt_at, last_error, metadata_only " +
        "FROM replication_outbox AS o WHERE next_attempt_at <= $1 " +
        "AND NOT EXISTS (SELECT 1 FROM replication_outbox AS p WHERE p.bucket = o.bucket AND p.key = o.key AND p.seq < o.seq) " +
        "ORDER BY seq LIMIT $2";

    public const string ExistsForVersion =
        "SELECT EXISTS (SELECT 1 FROM replication_outbox WHERE bucket = $1 AND key = $2 AND version_id = $3)";

    /// <summary>
    /// sum(bigint) is numeric in PostgreSQL, hence the cast; SQLite's sum(attempts > 0) sums booleans, which
    /// PostgreSQL does not, hence the CASE (an integer sum is bigint).
    /// </summary>
    public const string Backlog =
        "SELECT bucket, rule_id, destination_bucket, count(*), sum(size)::BIGINT, min(created_at), " +
        "sum(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) " +
        "FROM replication_outbox GROUP BY bucket, rule_id, destination_bucket ORDER BY bucket, rule_id COLLATE \"C\"";

    public const string UpsertStatus =
        "INSERT INTO replication_status (bucket, key, version_id, status) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (bucket, key, version_id) DO UPDATE SET status = excluded.status " +
        // One rule's COMPLETED does not hide another rule's FAILED (IMetadataTransaction.SetReplicationStatus).
        "WHERE NOT (replication_status.status = 'FAILED' AND excluded.status = 'COMPLETED')";

    public const string DeleteStatus = "DELETE FROM replication_status WHERE bucket = $1 AND key = $2 AND version_id = $3";

    public const string InsertMetadata =
        "INSERT INTO replication_outbox (bucket, key, version_id, rule_id, destination_bucket, is_delete_marker, size, created_at, next_attempt_at, metadata_only) " +
        "VALUES ($1, $2, $3, $4, $5, FALSE, 0, $6, $6, TRUE)";

    public const string SelectStatus = "SELECT status FROM replication_status WHERE bucket = $1 AND key = $2 AND version_id = $3";

    // Last-writer-wins of metadata-only changes (schema 027): SQLite's ReplicationStampStatements.
    public const string SelectStamp =
        "SELECT changed_at, changed_in FROM replication_status WHERE bucket = $1 AND key = $2 AND version_id = $3";

    public const string SetStamp =
        "UPDATE replication_status SET changed_at = $4, changed_in = $5 WHERE bucket = $1 AND key = $2 AND version_id = $3";
}
