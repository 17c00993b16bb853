namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;

/// <summary>Materialises rows from readers positioned on the column lists of <see cref="Sql"/>.</summary>
internal static class RowReaders
{
    public static BucketRow Bucket(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), RowCodec.FromTicks(r.GetInt64(3)));

    public static ObjectRow Object(SqliteDataReader r, bool withData)
    {
        DataLocation? data = null;
        if (!r.IsDBNull(19))
        {
            data = RowCodec.DecodeManifest(r.GetFieldValue<byte[]>(19));
        }
        else if (withData)
        {
            data = new InlineData(r.IsDBNull(21) ? [] : r.GetFieldValue<byte[]>(21), unchecked((ulong)r.GetInt64(20)));
        }

        return new ObjectRow(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4),
            RowCodec.FromTicks(r.GetInt64(5)), r.GetString(6), r.GetString(7),
            RowCodec.ReadAttributes(r, 12), RowCodec.ReadChecksum(r, 8),
            r.IsDBNull(11) ? null : r.GetInt32(11), data)
        {
            Tags = r.GetNullableString(withData ? 22 : 21),
            Encryption = r.IsDBNull(withData ? 23 : 22) ? null : r.GetFieldValue<byte[]>(withData ? 23 : 22),
        };
    }

    public static ObjectListEntry ListEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), RowCodec.FromTicks(r.GetInt64(4)),
            r.GetString(5), RowCodec.ReadChecksum(r, 6));

    public static UploadRow Upload(SqliteDataReader r) =>
        new(r.GetString(1), r.GetString(2), r.GetString(0), RowCodec.FromTicks(r.GetInt64(3)), r.GetString(4),
            RowCodec.ReadAttributes(r, 6), r.GetNullableString(5), r.GetNullableString(13), r.GetNullableString(14))
        {
            Encryption = r.IsDBNull(15) ? null : r.GetFieldValue<byte[]>(15),
        };

    public static PartRow Part(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), RowCodec.FromTicks(r.GetInt64(4)),
            r.IsDBNull(5) ? null : new StoredChecksum(r.GetString(5), r.GetString(6), false), r.GetGuid(7));
}
