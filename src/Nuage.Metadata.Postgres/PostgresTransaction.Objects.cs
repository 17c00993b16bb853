namespace Nuage.Metadata.Postgres;

using Nuage.Metadata.Core;
using static PostgresObjectRows;
using Q = Nuage.Metadata.Postgres.PostgresObjectSql;

/// <summary>
/// PostgresTransaction: buckets, objects and versions, ACLs, locks, tags, multipart uploads, garbage, settings and
/// usage; a port of the SQLite engine's WriteTransaction. The statement order is the SQLite engine's, because the
/// usage triggers (021_baseline.sql) read the rows current_objects names: a pointer moves before the row it named
/// goes. Every blob a write stops referencing enters the garbage table in the same transaction (DESIGN.md invariant 2).
/// </summary>
internal sealed partial class PostgresTransaction
{
    // The bucket rows this transaction has read. Under SERIALIZABLE every read of a row sees the transaction's one
    // snapshot, so a second read of the same bucket is answered here, unless this transaction changed the row: a
    // batch of 32 PUTs into one bucket reads it once, not 32 times (each read is a round trip).
    private readonly Dictionary<string, BucketRow?> _bucketsRead = new(StringComparer.Ordinal);

    public BucketRow? GetBucket(string name)
    {
        if (_bucketsRead.TryGetValue(name, out var known))
        {
            return known;
        }

        BucketRow? row;
        using (var reader = Query(Q.SelectBucket, name))
        {
            row = reader.Read() ? Bucket(reader) : null;
        }

        _bucketsRead[name] = row;
        return row;
    }

    /// <summary>Forgets the bucket rows read so far: a savepoint was rolled back, and with it changes they may show.</summary>
    public void ForgetReads() => _bucketsRead.Clear();

    public long AccountStoredBytes(string owner) => (long)Scalar(Q.AccountStoredBytes, owner)!;

    public bool InsertBucket(BucketRow bucket)
    {
        _bucketsRead.Remove(bucket.Name);
        return Execute(Q.InsertBucket, bucket.Name, bucket.Owner, bucket.Region, UtcTicks.From(bucket.CreatedAt), (int)bucket.Versioning) == 1;
    }

    public bool BucketHasObjects(string name) => (bool)Scalar(Q.BucketHasObjects, name)!;

    public int DeleteUploadsOfBucket(string bucket)
    {
        // The blob ids are collected before any garbage row is written: the RETURNING reader must be finished first.
        var released = new List<Guid>();
        using (var reader = Query(Q.DeletePartsOfBucket, bucket))
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

        return Execute(Q.DeleteUploadsOfBucket, bucket);
    }

    public bool DeleteBucket(string name)
    {
        _bucketsRead.Remove(name);
        Write(Q.DeleteBucketSettings, name);
        return Execute(Q.DeleteBucket, name) == 1;
    }

    public ObjectRow? GetObjectVersion(string bucket, string key, string? versionId)
    {
        using var reader = versionId is null
            ? Query(Q.SelectLatestHead, bucket, Key(key))
            : Query(Q.SelectVersionHead, bucket, Key(key), versionId);
        return reader.Read() ? Object(reader, withData: false) : null;
    }

    public void PutObject(ObjectRow row, bool versionIdIsNew)
    {
        // A new version id: the version's row, then the key's pointer to it; the previous latest version becomes
        // noncurrent because the pointer no longer names it.
        // Otherwise a row of the same version id (the null version) may be there, latest or not, and is replaced; its
        // blobs become garbage in this transaction (DESIGN.md invariant 2). SQLite reads that row first and branches;
        // here each statement decides on the server from what the ones before it left, so none needs an answer and
        // the whole PUT is held (PostgresObjectSql "Replacing a version"), where the read cost a round trip per PUT:
        // 1. the replaced row's blobs into garbage (the manifest decoded by the server), before the row changes;
        // 2. when it is the key's latest (an unversioned bucket's overwrite), the row overwritten where it stands;
        // 3. when it is noncurrent (a suspended bucket whose latest is a versioned one), the row deleted: it leaves
        //    the history, and the new one is written as latest;
        // 4. the new row, unless 2 already holds the version id; 5. the key's pointer, unless it names the row already.
        // Consecutive PUTs of a batch are held as a group that sends each step once for all of them (PostgresPutGroup).
        HoldPut(row.Bucket, row.Key, Written(row), replaces: !versionIdIsNew);
    }

    public ObjectRow? GetObjectCompletedBy(string bucket, string key, string uploadId)
    {
        using var reader = Query(Q.SelectObjectCompletedBy, bucket, Key(key), uploadId);
        return reader.Read() ? Object(reader, withData: false) with { UploadId = uploadId } : null;
    }

    public string? GetObjectAcl(string bucket, string key, string versionId) =>
        Scalar(Q.SelectObjectAcl, bucket, Key(key), versionId) as string;

    public void SetObjectAcl(string bucket, string key, string versionId, string? acl)
    {
        if (acl is null)
        {
            // A PUT that replaced the null version clears its ACL row: that goes with the PUT's group when it can.
            byte[] keyBytes = Key(key);
            if (sendsEachWrite || !_puts.TryClearAcl(bucket, keyBytes, versionId))
            {
                Write(Q.DeleteObjectAcl, bucket, keyBytes, versionId);
            }
        }
        else
        {
            Write(Q.UpsertObjectAcl, bucket, Key(key), versionId, acl);
        }
    }

    public bool SetObjectTags(string bucket, string key, string versionId, string? tags) =>
        Execute(Q.UpdateObjectTags, bucket, Key(key), versionId, tags) > 0;

    public ObjectRow? DeleteObjectVersion(string bucket, string key, string versionId)
    {
        var removed = GetObjectVersion(bucket, key, versionId);
        if (removed is null)
        {
            return null;
        }

        byte[] keyBytes = Key(key);
        Write(Q.DeleteObjectAcl, bucket, keyBytes, versionId);
        Write(Q.DeleteObjectLock, bucket, keyBytes, versionId);
        if (removed.IsLatest)
        {
            // "If you delete the current version, the next most recent version becomes current" (AWS "Deleting
            // object versions from a versioning-enabled bucket"); a delete marker can become current that way too.
            // The pointer moves before the row goes: the usage triggers read the versions it names.
            if (Scalar(Q.SelectNewestOtherVersion, bucket, keyBytes, versionId) is long next)
            {
                Write(Q.PointCurrent, bucket, keyBytes, next);
            }
            else
            {
                Write(Q.DeleteCurrent, bucket, keyBytes);
            }
        }

        if (Scalar(Q.DeleteVersion, bucket, keyBytes, versionId) is byte[] manifest)
        {
            AddManifestToGarbage(manifest);
        }

        return removed;
    }

    public bool KeyHasOlderVersions(string bucket, string key) => (long)Scalar(Q.KeyHasOlderVersions, bucket, Key(key))! > 1;

    public ObjectLockRow? GetObjectLock(string bucket, string key, string versionId)
    {
        using var reader = Query(Q.SelectObjectLock, bucket, Key(key), versionId);
        return reader.Read() ? ObjectLock(reader) : null;
    }

    public void SetObjectLock(string bucket, string key, string versionId, ObjectLockRow? state)
    {
        if (state is null)
        {
            Write(Q.DeleteObjectLock, bucket, Key(key), versionId);
            return;
        }

        Write(
            Q.UpsertObjectLock, bucket, Key(key), versionId, state.Mode,
            state.RetainUntil is { } until ? UtcTicks.From(until) : null, state.LegalHold);
    }

    public bool SetBucketVersioning(string bucket, BucketVersioning state)
    {
        _bucketsRead.Remove(bucket);
        return Execute(Q.SetBucketVersioning, bucket, (int)state) == 1;
    }

    public void InsertUpload(UploadRow upload) => Write(Q.InsertUpload, Written(upload));

    public UploadRow? GetUpload(string uploadId)
    {
        using var reader = Query(Q.SelectUpload, uploadId);
        return reader.Read() ? Upload(reader) : null;
    }

    public void PutPart(PartRow part)
    {
        // A part uploaded again under the same number replaces the earlier one, whose blob is garbage now.
        if (Scalar(Q.SelectPartBlob, part.UploadId, part.PartNumber) is Guid old)
        {
            AddGarbage(old);
        }

        Write(
            Q.UpsertPart, part.UploadId, part.PartNumber, part.Size, part.ETag, UtcTicks.From(part.LastModified),
            part.Checksum?.Algorithm, part.Checksum?.Value, part.BlobId);
    }

    public IReadOnlyList<PartRow> GetParts(string uploadId)
    {
        var parts = new List<PartRow>();
        using var reader = Query(Q.SelectParts, uploadId);
        while (reader.Read())
        {
            parts.Add(Part(reader));
        }

        return parts;
    }

    public bool DeleteUpload(string uploadId, IReadOnlySet<Guid>? keepBlobs)
    {
        var released = new List<Guid>();
        using (var reader = Query(Q.DeleteParts, uploadId))
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

        return Execute(Q.DeleteUpload, uploadId) == 1;
    }

    public void RemoveGarbage(IReadOnlyList<Guid> blobIds)
    {
        if (blobIds.Count > 0)
        {
            // One statement for the whole list: uuid[] binds from Guid[].
            Execute(Q.DeleteGarbage, blobIds.ToArray());
        }
    }

    public IReadOnlyDictionary<string, string> GetBucketSettings(string bucket)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = Query(Q.SelectBucketSettings, bucket);
        while (reader.Read())
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return settings;
    }

    public void SetBucketSetting(string bucket, string name, string? value)
    {
        if (value is null)
        {
            Write(Q.DeleteBucketSetting, bucket, name);
        }
        else
        {
            Write(Q.UpsertBucketSetting, bucket, name, value);
        }
    }

    public void PutObjectNoncurrent(ObjectRow row)
    {
        // The versions later than the row, newest first: the top of the key's seq order (seq orders a key's history).
        byte[] keyBytes = Key(row.Key);
        var later = new List<long>();
        using (var reader = Query(Q.SelectKeyOrder, row.Bucket, keyBytes))
        {
            while (reader.Read()
                && VersionOrder.IsLater(UtcTicks.ToTimestamp(reader.GetInt64(1)), reader.GetString(2), row.LastModified, row.OriginRegion))
            {
                later.Add(reader.GetInt64(0));
            }
        }

        // The row itself: current_objects keeps naming the newer version, so reads of the key are unchanged.
        Write(Q.InsertObject, Written(row));
        if (later.Count == 0)
        {
            return;
        }

        // As in the SQLite engine: the later versions each move up one place in the key's seq order (the newest to a
        // new seq), the row takes the lowest of theirs, and the current pointer is taken off and put back on the moved
        // current version, so the usage triggers subtract and add the same version. A seq change alone leaves the
        // object trigger without effect (size and delete marker unchanged).
        Write(Q.DeleteCurrent, row.Bucket, keyBytes);
        long top = Convert.ToInt64(Scalar(Q.MoveVersionToTop, later[0]), System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 1; i < later.Count; i++)
        {
            Write(Q.MoveVersion, later[i], later[i - 1]);
        }

        Write(Q.MoveVersionById, row.Bucket, keyBytes, row.VersionId, later[^1]);
        Write(Q.PointCurrent, row.Bucket, keyBytes, top);
    }

    private void AddManifestToGarbage(byte[] manifest)
    {
        foreach (var segment in ManifestCodec.Decode(manifest).Segments)
        {
            AddGarbage(segment.BlobId);
        }
    }

    private void AddGarbage(Guid blobId) => Write(Q.InsertGarbage, blobId, UtcTicks.From(Now));
}
