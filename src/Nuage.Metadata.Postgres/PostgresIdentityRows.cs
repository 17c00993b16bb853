namespace Nuage.Metadata.Postgres;

using System.Data.Common;
using System.Text;
using Nuage.Metadata.Core;

/// <summary>
/// Rows of the identity area (accounts, identities, access keys, KMS keys, the bucket registry and both outboxes)
/// read from the column lists of <see cref="PostgresIdentitySql"/>, <see cref="PostgresBucketRegistrySql"/>,
/// <see cref="PostgresOutboxSql"/> and <see cref="PostgresReplicationSql"/>; shared by the store's reads and the
/// writer's transaction.
/// </summary>
internal static class PostgresIdentityRows
{
    public static AccountRow Account(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2)), reader.GetString(3));

    public static IdentityRow Identity(DbDataReader reader) =>
        new(reader.GetString(0), (IdentityKind)reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
            UtcTicks.ToTimestamp(reader.GetInt64(4)), reader.GetString(5));

    public static AccessKeyRow AccessKey(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<byte[]>(3),
            reader.GetBoolean(4), UtcTicks.ToTimestamp(reader.GetInt64(5)));

    public static KmsKeyRow KmsKey(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), reader.GetString(2));

    /// <summary>A <see cref="PostgresBucketRegistrySql.Select"/> row of <paramref name="name"/>.</summary>
    public static BucketNameRow BucketName(DbDataReader reader, string name) =>
        new(name, reader.GetString(0), reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2)));

    /// <summary>A <see cref="PostgresBucketRegistrySql.ListByOwner"/> row.</summary>
    public static BucketNameRow BucketNameOfOwner(DbDataReader reader, string owner) =>
        new(reader.GetString(0), owner, reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2)));

    /// <summary>A <see cref="PostgresBucketRegistrySql.ListByRegion"/> row.</summary>
    public static BucketNameRow BucketNameInRegion(DbDataReader reader, string region) =>
        new(reader.GetString(0), reader.GetString(1), region, UtcTicks.ToTimestamp(reader.GetInt64(2)));

    public static OutboxEntry Outbox(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), UtcTicks.ToTimestamp(reader.GetInt64(3)), reader.GetInt32(4),
            UtcTicks.ToTimestamp(reader.GetInt64(5)));

    public static ReplicationOutboxEntry Replication(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(2)), reader.GetString(3),
            reader.GetString(4), reader.GetString(5), reader.GetBoolean(6), reader.GetInt64(7), UtcTicks.ToTimestamp(reader.GetInt64(8)),
            reader.GetInt32(9), UtcTicks.ToTimestamp(reader.GetInt64(10)), reader.IsDBNull(11) ? null : reader.GetString(11))
        {
            MetadataOnly = reader.GetBoolean(12),
        };

    public static ReplicationBacklog Backlog(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
            UtcTicks.ToTimestamp(reader.GetInt64(5)), reader.GetInt64(6));

    /// <summary>The <see cref="PostgresReplicationSql.SelectStamp"/> answer: the version's stamp, or null (no row, or never stamped).</summary>
    public static ReplicationMetadataStamp? Stamp(DbDataReader reader) =>
        reader.Read() && !reader.IsDBNull(0) && !reader.IsDBNull(1)
            ? new ReplicationMetadataStamp(reader.GetInt64(0), reader.GetString(1))
            : null;
}
