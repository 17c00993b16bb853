namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;
using static PostgresObjectRows;
using Q = Nuage.Metadata.Postgres.PostgresObjectSql;

/// <summary>PostgresMetadataStore: buckets, objects and versions, ACLs, locks, tags, multipart uploads, garbage, settings, listings and usage.</summary>
public sealed partial class PostgresMetadataStore
{
    public ValueTask<BucketRow?> GetBucketAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => FirstAsync(c, Q.SelectBucket, [name], Bucket, t), cancellationToken);

    public ValueTask<IReadOnlyList<BucketRow>> ListBucketsAsync(string owner, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => AllAsync(c, Q.ListBuckets, [owner], Bucket, t), cancellationToken);

    public ValueTask<ObjectRow?> GetObjectAsync(string bucket, string key, string? versionId, bool withData, CancellationToken cancellationToken) =>
        versionId is null
            ? new ValueTask<ObjectRow?>(_latestLookups.GetAsync(bucket, Key(key), withData, cancellationToken))
            : ReadAsync(
                (c, t) => FirstAsync(c, withData ? Q.SelectVersionWithData : Q.SelectVersionHead, [bucket, Key(key), versionId], r => Object(r, withData), t),
                cancellationToken);

    // The listings run PrefixWalker synchronously on the connection of one snapshot (PostgresKeyCursor explains why).
    public ValueTask<ObjectListing> ListObjectsAsync(ObjectListQuery query, CancellationToken cancellationToken) =>
        ReadSnapshotAsync((c, t) => Task.FromResult(PostgresListings.ListObjects(c, query, t)), cancellationToken);

    public ValueTask<ObjectVersionListing> ListObjectVersionsAsync(ObjectVersionListQuery query, CancellationToken cancellationToken) =>
        ReadSnapshotAsync((c, t) => Task.FromResult(PostgresListings.ListObjectVersions(c, query, t)), cancellationToken);

    public ValueTask<UploadRow?> GetUploadAsync(string uploadId, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => FirstAsync(c, Q.SelectUpload, [uploadId], Upload, t), cancellationToken);

    public ValueTask<IReadOnlyList<PartRow>> ListPartsAsync(string uploadId, int afterPartNumber, int limit, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => AllAsync(c, Q.ListParts, [uploadId, afterPartNumber, limit], Part, t), cancellationToken);

    public ValueTask<UploadListing> ListUploadsAsync(UploadListQuery query, CancellationToken cancellationToken) =>
        ReadSnapshotAsync((c, t) => Task.FromResult(PostgresListings.ListUploads(c, query, t)), cancellationToken);

    public ValueTask<IReadOnlyList<UploadRow>> ListUploadsInitiatedBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => AllAsync(c, Q.UploadsInitiatedBefore, [UtcTicks.From(cutoff), limit], Upload, t), cancellationToken);

    public ValueTask<IReadOnlyList<Guid>> ListGarbageAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => AllAsync(c, Q.ListGarbage, [limit], r => r.GetGuid(0), t), cancellationToken);

    public async ValueTask CollectReferencedBlobsAsync(Action<Guid> reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);

        // One snapshot: a blob moving from a version to the garbage table between two statements is seen once.
        await ReadSnapshotAsync(
            async (connection, token) =>
            {
                await using (var command = Command(connection, Q.AllManifests))
                await using (var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        foreach (var segment in ManifestCodec.Decode(reader.GetFieldValue<byte[]>(0)).Segments)
                        {
                            reference(segment.BlobId);
                        }
                    }
                }

                foreach (var sql in new[] { Q.AllPartBlobs, Q.AllGarbageBlobs })
                {
                    await using var command = Command(connection, sql);
                    await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        reference(reader.GetGuid(0));
                    }
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<string?> GetObjectAclAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => FirstAsync(c, Q.SelectObjectAcl, [bucket, Key(key), versionId], r => r.GetString(0), t), cancellationToken);

    public ValueTask<ObjectLockRow?> GetObjectLockAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => FirstAsync(c, Q.SelectObjectLock, [bucket, Key(key), versionId], ObjectLock, t), cancellationToken);

    public ValueTask<IReadOnlyList<KeyValuePair<string, string>>> ListBucketsWithSettingAsync(string name, CancellationToken cancellationToken) =>
        ReadAsync((c, t) => AllAsync(c, Q.BucketsWithSetting, [name], r => new KeyValuePair<string, string>(r.GetString(0), r.GetString(1)), t), cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, string>> GetBucketSettingsAsync(string bucket, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<string, string>>(
            async (c, t) =>
            {
                var settings = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in await AllAsync(c, Q.SelectBucketSettings, [bucket], r => (r.GetString(0), r.GetString(1)), t).ConfigureAwait(false))
                {
                    settings[name] = value;
                }

                return settings;
            },
            cancellationToken);

    public ValueTask<StoreUsage> ReadUsageAsync(CancellationToken cancellationToken) =>
        // One snapshot: the bucket figures and the garbage backlog come from the same committed state.
        ReadSnapshotAsync(
            async (c, t) =>
            {
                var buckets = await AllAsync(c, Q.BucketUsage, [], r => new BucketUsage(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)), t)
                    .ConfigureAwait(false);
                await using var command = Command(c, Q.GarbageBacklog);
                long garbage = (long)(await command.ExecuteScalarAsync(t).ConfigureAwait(false))!;
                return new StoreUsage(buckets, garbage);
            },
            cancellationToken);

    public ValueTask<long> GetAccountStoredBytesAsync(string owner, CancellationToken cancellationToken) =>
        ReadAsync(
            async (c, t) =>
            {
                await using var command = Command(c, Q.AccountStoredBytes, owner);
                return (long)(await command.ExecuteScalarAsync(t).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <summary>The first row of a query, or null (a reference type: bucket, object, upload, lock, ACL).</summary>
    private static async Task<T?> FirstAsync<T>(NpgsqlConnection connection, string sql, object?[] arguments, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
        where T : class
    {
        await using var command = Command(connection, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? row(reader) : null;
    }

    private static async Task<IReadOnlyList<T>> AllAsync<T>(NpgsqlConnection connection, string sql, object?[] arguments, Func<NpgsqlDataReader, T> row, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var command = Command(connection, sql, arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }
}
