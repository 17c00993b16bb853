namespace Nuage.Metadata.Postgres;

/// <summary>PostgresTransaction: buckets, objects and versions, ACLs, locks, tags, multipart uploads, garbage, settings, listings and usage.</summary>
internal sealed partial class PostgresTransaction
{
    public BucketRow? GetBucket(string name) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucket is not written yet (issue 18).");

    public long AccountStoredBytes(string owner) =>
        throw new NotSupportedException("PostgreSQL engine: AccountStoredBytes is not written yet (issue 18).");

    public bool InsertBucket(BucketRow bucket) =>
        throw new NotSupportedException("PostgreSQL engine: InsertBucket is not written yet (issue 18).");

    public bool BucketHasObjects(string name) =>
        throw new NotSupportedException("PostgreSQL engine: BucketHasObjects is not written yet (issue 18).");

    public int DeleteUploadsOfBucket(string bucket) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteUploadsOfBucket is not written yet (issue 18).");

    public bool DeleteBucket(string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteBucket is not written yet (issue 18).");

    public ObjectRow? GetObjectVersion(string bucket, string key, string? versionId) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectVersion is not written yet (issue 18).");

    public void PutObject(ObjectRow row, bool versionIdIsNew) =>
        throw new NotSupportedException("PostgreSQL engine: PutObject is not written yet (issue 18).");

    public ObjectRow? GetObjectCompletedBy(string bucket, string key, string uploadId) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectCompletedBy is not written yet (issue 18).");

    public string? GetObjectAcl(string bucket, string key, string versionId) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectAcl is not written yet (issue 18).");

    public void SetObjectAcl(string bucket, string key, string versionId, string? acl) =>
        throw new NotSupportedException("PostgreSQL engine: SetObjectAcl is not written yet (issue 18).");

    public bool SetObjectTags(string bucket, string key, string versionId, string? tags) =>
        throw new NotSupportedException("PostgreSQL engine: SetObjectTags is not written yet (issue 18).");

    public ObjectRow? DeleteObjectVersion(string bucket, string key, string versionId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteObjectVersion is not written yet (issue 18).");

    public bool KeyHasOlderVersions(string bucket, string key) =>
        throw new NotSupportedException("PostgreSQL engine: KeyHasOlderVersions is not written yet (issue 18).");

    public ObjectLockRow? GetObjectLock(string bucket, string key, string versionId) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectLock is not written yet (issue 18).");

    public void SetObjectLock(string bucket, string key, string versionId, ObjectLockRow? state) =>
        throw new NotSupportedException("PostgreSQL engine: SetObjectLock is not written yet (issue 18).");

    public bool SetBucketVersioning(string bucket, BucketVersioning state) =>
        throw new NotSupportedException("PostgreSQL engine: SetBucketVersioning is not written yet (issue 18).");

    public void InsertUpload(UploadRow upload) =>
        throw new NotSupportedException("PostgreSQL engine: InsertUpload is not written yet (issue 18).");

    public UploadRow? GetUpload(string uploadId) =>
        throw new NotSupportedException("PostgreSQL engine: GetUpload is not written yet (issue 18).");

    public void PutPart(PartRow part) =>
        throw new NotSupportedException("PostgreSQL engine: PutPart is not written yet (issue 18).");

    public IReadOnlyList<PartRow> GetParts(string uploadId) =>
        throw new NotSupportedException("PostgreSQL engine: GetParts is not written yet (issue 18).");

    public bool DeleteUpload(string uploadId, IReadOnlySet<Guid>? keepBlobs) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteUpload is not written yet (issue 18).");

    public void RemoveGarbage(IReadOnlyList<Guid> blobIds) =>
        throw new NotSupportedException("PostgreSQL engine: RemoveGarbage is not written yet (issue 18).");

    public IReadOnlyDictionary<string, string> GetBucketSettings(string bucket) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucketSettings is not written yet (issue 18).");

    public void SetBucketSetting(string bucket, string name, string? value) =>
        throw new NotSupportedException("PostgreSQL engine: SetBucketSetting is not written yet (issue 18).");

    public void PutObjectNoncurrent(ObjectRow row) =>
        throw new NotSupportedException("PostgreSQL engine: PutObjectNoncurrent is not written yet (issue 18).");
}
