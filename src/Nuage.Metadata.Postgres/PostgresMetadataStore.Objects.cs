namespace Nuage.Metadata.Postgres;

/// <summary>PostgresMetadataStore: buckets, objects and versions, ACLs, locks, tags, multipart uploads, garbage, settings, listings and usage.</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<BucketRow?> GetBucketAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucketAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<BucketRow>> ListBucketsAsync(string owner, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListBucketsAsync is not written yet (issue 18).");

    public ValueTask<ObjectRow?> GetObjectAsync(string bucket, string key, string? versionId, bool withData, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectAsync is not written yet (issue 18).");

    public ValueTask<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListObjectsAsync is not written yet (issue 18).");

    public ValueTask<ObjectVersionListing> ListObjectVersionsAsync(ObjectVersionListQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListObjectVersionsAsync is not written yet (issue 18).");

    public ValueTask<UploadRow?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetUploadAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<PartRow>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListPartsAsync is not written yet (issue 18).");

    public ValueTask<UploadListing> ListUploadsAsync(UploadListQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListUploadsAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<UploadRow>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListUploadsInitiatedBeforeAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<Guid>> ListGarbageAsync(int limit, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListGarbageAsync is not written yet (issue 18).");

    public ValueTask CollectReferencedBlobsAsync(ISet<Guid> into, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: CollectReferencedBlobsAsync is not written yet (issue 18).");

    public ValueTask<string?> GetObjectAclAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectAclAsync is not written yet (issue 18).");

    public ValueTask<ObjectLockRow?> GetObjectLockAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetObjectLockAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListBucketsWithSettingAsync(string name, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ListBucketsWithSettingAsync is not written yet (issue 18).");

    public ValueTask<IReadOnlyDictionary<string, string>> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetBucketSettingsAsync is not written yet (issue 18).");

    public ValueTask<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: ReadUsageAsync is not written yet (issue 18).");

    public ValueTask<long> GetAccountStoredBytesAsync(string owner, CancellationToken cancellationToken) =>
        throw new NotSupportedException("PostgreSQL engine: GetAccountStoredBytesAsync is not written yet (issue 18).");
}
