namespace Nuage.Metadata.Sqlite;

/// <summary>
/// A replicating version's last metadata change (schema 027, <see cref="ReplicationMetadataStamp"/>), for the read
/// connections and the write transaction. Kept on the version's replication_status row.
/// </summary>
internal static class ReplicationStampStatements
{
    private const string SelectSql =
        "SELECT changed_at, changed_in FROM replication_status WHERE bucket = $1 AND key = $2 AND version_id = $3";

    private const string SetSql =
        "UPDATE replication_status SET changed_at = $4, changed_in = $5 WHERE bucket = $1 AND key = $2 AND version_id = $3";

    public static ReplicationMetadataStamp? Get(CommandCache commands, string bucket, string key, string versionId)
    {
        using var reader = commands.Get(SelectSql, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteReader();
        return reader.Read() && !reader.IsDBNull(0) && !reader.IsDBNull(1)
            ? new ReplicationMetadataStamp(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    public static bool Set(CommandCache commands, string bucket, string key, string versionId, ReplicationMetadataStamp stamp) =>
        commands.Get(SetSql, 5).Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, stamp.Ticks).Bind(4, stamp.Region).ExecuteNonQuery() > 0;
}
