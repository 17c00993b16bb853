namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>Materialises rows from readers positioned on the column lists of <see cref="Sql"/>.</summary>
internal static class RowReaders
{
    public static BucketRow Bucket(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)))
        {
            Versioning = (BucketVersioning)r.GetInt32(4),
        };

    public static ObjectRow Object(SqliteDataReader r, bool withData)
    {
        DataLocation? data = null;
        if (!r.IsDBNull(19))
        {
            data = ManifestCodec.Decode(r.GetFieldValue<byte[]>(19));
        }
        else if (withData && !r.IsDBNull(20))
        {
            // A delete marker has neither a manifest nor an inline checksum: it has no data.
            data = new InlineData(r.IsDBNull(25) ? [] : r.GetFieldValue<byte[]>(25), ChecksumColumns.ToBlockChecksum(r.GetInt64(20)));
        }

        return new ObjectRow(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
            UtcTicks.ToTimestamp(r.GetInt64(5)), r.GetString(6), r.GetString(7),
            RowCodec.ReadAttributes(r, 12), RowCodec.ReadChecksum(r, 8),
            r.IsDBNull(11) ? null : r.GetInt32(11), data)
        {
            IsLatest = r.GetInt64(21) != 0,
            IsDeleteMarker = r.GetInt64(22) != 0,
            Tags = r.GetNullableString(23),
            Encryption = r.IsDBNull(24) ? null : r.GetFieldValue<byte[]>(24),
        };
    }

    public static ObjectListEntry ListEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), UtcTicks.ToTimestamp(r.GetInt64(4)),
            r.GetString(5), RowCodec.ReadChecksum(r, 6));

    public static ObjectVersionEntry VersionEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3) != 0, r.GetInt64(4), r.GetString(5),
            UtcTicks.ToTimestamp(r.GetInt64(6)), r.GetString(7), RowCodec.ReadChecksum(r, 8));

    public static UploadRow Upload(SqliteDataReader r) =>
        new(r.GetString(1), r.GetString(2), r.GetString(0), UtcTicks.ToTimestamp(r.GetInt64(3)), r.GetString(4),
            RowCodec.ReadAttributes(r, 6), r.GetNullableString(5), r.GetNullableString(13), r.GetNullableString(14))
        {
            ObjectLock = r.GetNullableString(15),
            Encryption = r.IsDBNull(16) ? null : r.GetFieldValue<byte[]>(16),
        };

    public static ObjectLockRow ObjectLock(SqliteDataReader r) =>
        new(r.GetNullableString(0), r.IsDBNull(1) ? null : UtcTicks.ToTimestamp(r.GetInt64(1)), r.GetInt64(2) != 0);

    public static PartRow Part(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), UtcTicks.ToTimestamp(r.GetInt64(4)),
            r.IsDBNull(5) ? null : new StoredChecksum(r.GetString(5), r.GetString(6), false), r.GetGuid(7));
}
