namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;

/// <summary>
/// IMetadataTransaction over the single writer connection. The group-commit writer opens the transaction and a
/// savepoint per unit of work around calls to this object; it never commits by itself.
/// </summary>
internal sealed class WriteTransaction(CommandCache commands) : IMetadataTransaction
{
    public DateTimeOffset Now { get; set; }

    public BucketRow? GetBucket(string name)
    {
        using var reader = commands.Get(Sql.SelectBucket, 1).Bind(0, name).ExecuteReader();
        return reader.Read() ? RowReaders.Bucket(reader) : null;
    }

    public bool InsertBucket(BucketRow bucket) =>
        commands.Get(Sql.InsertBucket, 4)
            .Bind(0, bucket.Name).Bind(1, bucket.Owner).Bind(2, bucket.Region).Bind(3, RowCodec.ToTicks(bucket.CreatedAt))
            .ExecuteNonQuery() == 1;

    public bool BucketHasObjects(string name) =>
        Convert.ToInt64(commands.Get(Sql.BucketHasObjects, 1).Bind(0, name).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;

    public int DeleteUploadsOfBucket(string bucket)
    {
        // The blob ids are collected before any garbage row is written: the RETURNING reader must be finished first.
        var released = new List<Guid>();
        using (var reader = commands.Get(Sql.DeletePartsOfBucket, 1).Bind(0, bucket).ExecuteReader())
        {
            while (reader.Read())
            {
                released.Add(reader.GetGuid(0));
            }
        }

        foreach (var blob in released)
        {
            AddGarbage(blob);
        }

        return commands.Get(Sql.DeleteUploadsOfBucket, 1).Bind(0, bucket).ExecuteNonQuery();
    }

    public bool DeleteBucket(string name)
    {
        IdentityStatements.DeleteBucketSettings(commands, name);
        return commands.Get(Sql.DeleteBucket, 1).Bind(0, name).ExecuteNonQuery() == 1;
    }

    public void PutAccount(AccountRow account) => IdentityStatements.PutAccount(commands, account);

    public bool DeleteAccount(string accountId) => IdentityStatements.DeleteAccount(commands, accountId);

    public bool AccountOwnsBuckets(string accountId) => IdentityStatements.AccountOwnsBuckets(commands, accountId);

    public void PutIdentity(IdentityRow identity) => IdentityStatements.PutIdentity(commands, identity);

    public bool DeleteIdentity(string accountId, IdentityKind kind, string name) =>
        IdentityStatements.DeleteIdentity(commands, accountId, kind, name);

    public bool InsertAccessKey(AccessKeyRow key) => IdentityStatements.InsertAccessKey(commands, key);

    public bool SetAccessKeyActive(string accessKeyId, bool active) => IdentityStatements.SetAccessKeyActive(commands, accessKeyId, active);

    public bool DeleteAccessKey(string accessKeyId) => IdentityStatements.DeleteAccessKey(commands, accessKeyId);

    public IReadOnlyDictionary<string, string> GetBucketSettings(string bucket) => IdentityStatements.BucketSettings(commands, bucket);

    public void SetBucketSetting(string bucket, string name, string? value) =>
        IdentityStatements.SetBucketSetting(commands, bucket, name, value);

    public string? GetObjectETag(string bucket, string key) =>
        commands.Get(Sql.SelectObjectETag, 2).Bind(0, bucket).Bind(1, key).ExecuteScalar() as string;

    public void PutObject(ObjectRow row)
    {
        // The replaced row's blobs become garbage in this transaction (DESIGN.md invariant 2): read its manifest
        // first, because an upsert's RETURNING yields the new values only.
        if (commands.Get(Sql.SelectObjectManifest, 2).Bind(0, row.Bucket).Bind(1, row.Key).ExecuteScalar() is byte[] old)
        {
            AddManifestToGarbage(old);
        }

        var command = commands.Get(Sql.UpsertObject, 25);
        command.Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, row.VersionId).Bind(3, row.Size).Bind(4, row.ETag)
            .Bind(5, RowCodec.ToTicks(row.LastModified)).Bind(6, row.OriginRegion).Bind(7, row.Owner)
            .Bind(8, row.Checksum?.Algorithm).Bind(9, row.Checksum?.Value).Bind(10, row.Checksum is { IsComposite: true } ? 1L : 0L)
            .Bind(11, row.PartsCount).Bind(22, row.UploadId).Bind(23, row.Tags).Bind(24, row.Encryption);
        RowCodec.BindAttributes(command, 12, row.Attributes);
        switch (row.Data)
        {
            case BlobManifest manifest:
                command.Bind(19, RowCodec.EncodeManifest(manifest)).Bind(20, null).Bind(21, null);
                break;
            case InlineData inline:
                command.Bind(19, null).Bind(20, unchecked((long)inline.Checksum)).Bind(21, inline.Bytes);
                break;
            default:
                throw new ArgumentException("An object row needs its data location.", nameof(row));
        }

        command.ExecuteNonQuery();
    }

    public ObjectRow? GetObjectCompletedBy(string bucket, string key, string uploadId)
    {
        using var reader = commands.Get(Sql.SelectObjectCompletedBy, 3).Bind(0, bucket).Bind(1, key).Bind(2, uploadId).ExecuteReader();
        return reader.Read() ? RowReaders.Object(reader, withData: false) with { UploadId = uploadId } : null;
    }

    public string? GetObjectAcl(string bucket, string key) =>
        commands.Get(Sql.SelectObjectAcl, 2).Bind(0, bucket).Bind(1, key).ExecuteScalar() as string;

    public void SetObjectAcl(string bucket, string key, string? acl)
    {
        if (acl is null)
        {
            commands.Get(Sql.DeleteObjectAcl, 2).Bind(0, bucket).Bind(1, key).ExecuteNonQuery();
        }
        else
        {
            commands.Get(Sql.UpsertObjectAcl, 3).Bind(0, bucket).Bind(1, key).Bind(2, acl).ExecuteNonQuery();
        }
    }

    public bool SetObjectTags(string bucket, string key, string? tags) =>
        commands.Get(Sql.UpdateObjectTags, 3).Bind(0, bucket).Bind(1, key).Bind(2, tags).ExecuteNonQuery() > 0;

    public bool DeleteObject(string bucket, string key)
    {
        commands.Get(Sql.DeleteObjectAcl, 2).Bind(0, bucket).Bind(1, key).ExecuteNonQuery();
        using var reader = commands.Get(Sql.DeleteObject, 2).Bind(0, bucket).Bind(1, key).ExecuteReader();
        if (!reader.Read())
        {
            return false;
        }

        if (!reader.IsDBNull(0))
        {
            AddManifestToGarbage(reader.GetFieldValue<byte[]>(0));
        }

        return true;
    }

    public void InsertUpload(UploadRow upload)
    {
        var command = commands.Get(Sql.InsertUpload, 16);
        command.Bind(0, upload.Key).Bind(1, upload.UploadId).Bind(2, upload.Bucket)
            .Bind(3, RowCodec.ToTicks(upload.Initiated)).Bind(4, upload.Owner).Bind(5, upload.ChecksumAlgorithm).Bind(13, upload.Acl).Bind(14, upload.Tags).Bind(15, upload.Encryption);
        RowCodec.BindAttributes(command, 6, upload.Attributes);
        command.ExecuteNonQuery();
    }

    public UploadRow? GetUpload(string uploadId)
    {
        using var reader = commands.Get(Sql.SelectUpload, 1).Bind(0, uploadId).ExecuteReader();
        return reader.Read() ? RowReaders.Upload(reader) : null;
    }

    public void PutPart(PartRow part)
    {
        if (commands.Get(Sql.SelectPartBlob, 2).Bind(0, part.UploadId).Bind(1, part.PartNumber).ExecuteScalar() is byte[] old)
        {
            AddGarbage(new Guid(old));
        }

        commands.Get(Sql.UpsertPart, 8)
            .Bind(0, part.UploadId).Bind(1, part.PartNumber).Bind(2, part.Size).Bind(3, part.ETag)
            .Bind(4, RowCodec.ToTicks(part.LastModified)).Bind(5, part.Checksum?.Algorithm).Bind(6, part.Checksum?.Value)
            .Bind(7, part.BlobId.ToByteArray())
            .ExecuteNonQuery();
    }

    public IReadOnlyList<PartRow> GetParts(string uploadId)
    {
        var parts = new List<PartRow>();
        using var reader = commands.Get(Sql.SelectParts, 1).Bind(0, uploadId).ExecuteReader();
        while (reader.Read())
        {
            parts.Add(RowReaders.Part(reader));
        }

        return parts;
    }

    public bool DeleteUpload(string uploadId, IReadOnlySet<Guid>? keepBlobs)
    {
        var released = new List<Guid>();
        using (var reader = commands.Get(Sql.DeleteParts, 1).Bind(0, uploadId).ExecuteReader())
        {
            while (reader.Read())
            {
                var blob = reader.GetGuid(0);
                if (keepBlobs is null || !keepBlobs.Contains(blob))
                {
                    released.Add(blob);
                }
            }
        }

        foreach (var blob in released)
        {
            AddGarbage(blob);
        }

        return commands.Get(Sql.DeleteUpload, 1).Bind(0, uploadId).ExecuteNonQuery() == 1;
    }

    public void RemoveGarbage(IReadOnlyList<Guid> blobIds)
    {
        var command = commands.Get(Sql.DeleteGarbage, 1);
        for (int i = 0; i < blobIds.Count; i++)
        {
            command.Bind(0, blobIds[i].ToByteArray()).ExecuteNonQuery();
        }
    }

    private void AddManifestToGarbage(byte[] manifest)
    {
        foreach (var segment in RowCodec.DecodeManifest(manifest).Segments)
        {
            AddGarbage(segment.BlobId);
        }
    }

    private void AddGarbage(Guid blobId) =>
        commands.Get(Sql.InsertGarbage, 2).Bind(0, blobId.ToByteArray()).Bind(1, RowCodec.ToTicks(Now)).ExecuteNonQuery();
}
