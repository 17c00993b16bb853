namespace Nuage.Metadata.Postgres;

using System.Text;
using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// Materialises the objects area's rows from readers positioned on <see cref="PostgresObjectSql"/>'s column lists,
/// and lays out the parameters its writes bind. Keys travel as their UTF-8 bytes (BYTEA).
/// </summary>
internal static class PostgresObjectRows
{
    public static byte[] Key(string key) => Utf8Keys.Encode(key);

    public static string Key(NpgsqlDataReader r, int ordinal) => Encoding.UTF8.GetString(r.GetFieldValue<byte[]>(ordinal));

    public static BucketRow Bucket(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)))
        {
            Versioning = (BucketVersioning)r.GetInt32(4),
        };

    public static ObjectRow Object(NpgsqlDataReader r, bool withData)
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
            r.GetString(0), Key(r, 1), r.GetString(2), r.GetInt64(3), r.GetString(4),
            UtcTicks.ToTimestamp(r.GetInt64(5)), r.GetString(6), r.GetString(7),
            Attributes(r, 12), Checksum(r, 8),
            r.IsDBNull(11) ? null : r.GetInt32(11), data)
        {
            IsLatest = r.GetBoolean(21),
            IsDeleteMarker = r.GetBoolean(22),
            Tags = NullableString(r, 23),
            Encryption = r.IsDBNull(24) ? null : r.GetFieldValue<byte[]>(24),
        };
    }

    public static ObjectListEntry ListEntry(NpgsqlDataReader r) =>
        new(Key(r, 0), r.GetString(1), r.GetInt64(2), r.GetString(3), UtcTicks.ToTimestamp(r.GetInt64(4)),
            r.GetString(5), Checksum(r, 6));

    /// <summary>A version row of a listing seek, with its seq (column 11), which orders a key's versions.</summary>
    public static (ObjectVersionEntry Entry, long Seq) VersionEntry(NpgsqlDataReader r) =>
        (new(Key(r, 0), r.GetString(1), r.GetBoolean(2), r.GetBoolean(3), r.GetInt64(4), r.GetString(5),
            UtcTicks.ToTimestamp(r.GetInt64(6)), r.GetString(7), Checksum(r, 8)), r.GetInt64(11));

    public static UploadRow Upload(NpgsqlDataReader r) =>
        new(r.GetString(1), r.GetString(2), Key(r, 0), UtcTicks.ToTimestamp(r.GetInt64(3)), r.GetString(4),
            Attributes(r, 6), NullableString(r, 5), NullableString(r, 13), NullableString(r, 14))
        {
            ObjectLock = NullableString(r, 15),
            Encryption = r.IsDBNull(16) ? null : r.GetFieldValue<byte[]>(16),
        };

    public static ObjectLockRow ObjectLock(NpgsqlDataReader r) =>
        new(NullableString(r, 0), r.IsDBNull(1) ? null : UtcTicks.ToTimestamp(r.GetInt64(1)), r.GetBoolean(2));

    public static PartRow Part(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), UtcTicks.ToTimestamp(r.GetInt64(4)),
            r.IsDBNull(5) ? null : new StoredChecksum(r.GetString(5), r.GetString(6), false), r.GetGuid(7));

    /// <summary>The 26 parameters of <see cref="PostgresObjectSql.InsertObject"/> / <see cref="PostgresObjectSql.OverwriteVersion"/>.</summary>
    public static object?[] Written(ObjectRow row)
    {
        object? manifest;
        object? inlineChecksum;
        object? inlineData;
        switch (row.Data)
        {
            case BlobManifest blobs:
                (manifest, inlineChecksum, inlineData) = (ManifestCodec.Encode(blobs), null, null);
                break;
            case InlineData inline:
                (manifest, inlineChecksum, inlineData) = (null, ChecksumColumns.FromBlockChecksum(inline.Checksum), inline.Bytes);
                break;
            case null when row.IsDeleteMarker:
                (manifest, inlineChecksum, inlineData) = (null, null, null);
                break;
            default:
                throw new ArgumentException("An object version needs its data location; only a delete marker has none.", nameof(row));
        }

        var a = row.Attributes;
        return
        [
            row.Bucket, Key(row.Key), row.VersionId, row.Size, row.ETag, UtcTicks.From(row.LastModified), row.OriginRegion, row.Owner,
            row.Checksum?.Algorithm, row.Checksum?.Value, row.Checksum is { IsComposite: true }, row.PartsCount,
            a.ContentType, a.ContentEncoding, a.ContentDisposition, a.ContentLanguage, a.CacheControl, a.Expires,
            AttributesCodec.EncodeUserMetadata(a),
            manifest, inlineChecksum, inlineData, row.UploadId, row.Tags, row.IsDeleteMarker, row.Encryption,
        ];
    }

    /// <summary>The 17 parameters of <see cref="PostgresObjectSql.InsertUpload"/>.</summary>
    public static object?[] Written(UploadRow upload)
    {
        var a = upload.Attributes;
        return
        [
            Key(upload.Key), upload.UploadId, upload.Bucket, UtcTicks.From(upload.Initiated), upload.Owner, upload.ChecksumAlgorithm,
            a.ContentType, a.ContentEncoding, a.ContentDisposition, a.ContentLanguage, a.CacheControl, a.Expires,
            AttributesCodec.EncodeUserMetadata(a), upload.Acl, upload.Tags, upload.ObjectLock, upload.Encryption,
        ];
    }

    public static StoredAttributes Attributes(NpgsqlDataReader r, int first) =>
        AttributesCodec.Decode(
            NullableString(r, first), NullableString(r, first + 1), NullableString(r, first + 2), NullableString(r, first + 3),
            NullableString(r, first + 4), NullableString(r, first + 5), NullableString(r, first + 6));

    /// <summary>The (algorithm, value, is_composite) columns; null when the row has no checksum.</summary>
    public static StoredChecksum? Checksum(NpgsqlDataReader r, int first) =>
        r.IsDBNull(first) ? null : new StoredChecksum(r.GetString(first), r.GetString(first + 1), r.GetBoolean(first + 2));

    public static string? NullableString(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
