namespace Nuage.Storage.Objects;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Commits;
using Nuage.Storage.Encryption;
using Nuage.Storage.Internal;
using Nuage.Storage.Notifications;
using Nuage.Storage.Quotas;

/// <summary>Object reads and writes over the metadata store and the blob store (DESIGN.md "Storage engine invariants").</summary>
public sealed class ObjectService : IObjectService
{
    private readonly IMetadataStore _metadata;
    private readonly IBlobStore _blobs;
    private readonly StorageOptions _options;
    private readonly ObjectOpener _opener;
    private readonly ObjectCommitter _committer;
    private readonly EncryptionKeys _keys;
    private readonly QuotaGuard _quotas;
    private readonly NotificationRecorder? _events;
    private readonly Replication.ReplicationRecorder? _replication;
    private readonly Buckets.IBucketService? _buckets;

    public ObjectService(
        IMetadataStore metadata, IBlobStore blobs, StorageOptions options, Nuage.Telemetry.NuageMetrics? metrics = null,
        EncryptionKeys? keys = null, IStorageQuotas? quotas = null, NotificationRecorder? events = null,
        Replication.ReplicationRecorder? replication = null, Buckets.IBucketService? buckets = null)
    {
        _buckets = buckets;
        _events = events;
        _replication = replication;
        _metadata = metadata;
        _blobs = blobs;
        _options = options;
        _keys = keys ?? new EncryptionKeys(options.DataDirectory);
        _opener = new ObjectOpener(metadata, blobs, metrics ?? new Nuage.Telemetry.NuageMetrics(), _keys);
        _quotas = new QuotaGuard(metadata, quotas);
        _committer = new ObjectCommitter(metadata, blobs, options, _quotas, events, replication);
    }

    public async Task<ObjectInfo> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        KeyRules.Validate(request.Key);
        string owner = await RequireBucketOwnerAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        await _quotas.CheckBeforeBodyAsync(owner, request.ContentLength, cancellationToken).ConfigureAwait(false);
        using var encryption = _keys.ForWrite(request.Encryption);
        await using var body = await BodyReader.ReadAsync(
            encryption?.Blobs(_blobs) ?? _blobs, request.Body, request.ContentLength, _options.MaxObjectSize, _options.InlineThreshold,
            request.Checksum?.Algorithm, request.ContentMd5, request.Checksum, cancellationToken).ConfigureAwait(false);
        return await _committer.CommitAsync(
            request.Bucket, request.Key, body, request.Attributes, request.Checksum?.Algorithm, request.Condition,
            request.Access, cancellationToken, encryption, request.IsFormUpload ? ObjectEventName.Post : ObjectEventName.Put).ConfigureAwait(false);
    }

    public Task<ObjectInfo> HeadObjectAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken) =>
        _opener.HeadAsync(bucket, key, versionId, cancellationToken);

    public Task<ObjectInfo> HeadObjectAsync(
        string bucket, string key, string? versionId, CustomerKey? customerKey, CancellationToken cancellationToken) =>
        _opener.HeadCheckedAsync(bucket, key, versionId, customerKey, cancellationToken);

    public async Task<ObjectContent> OpenObjectAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken) =>
        await _opener.OpenAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);

    public async Task<ObjectContent> OpenObjectAsync(
        string bucket, string key, string? versionId, CustomerKey? customerKey, CancellationToken cancellationToken) =>
        await _opener.OpenAsync(bucket, key, versionId, cancellationToken, customerKey).ConfigureAwait(false);

    public async Task<DeleteObjectResult> DeleteObjectAsync(
        string bucket, string key, string? versionId, CancellationToken cancellationToken, string? ifMatch = null, bool bypassGovernance = false)
    {
        var deletion = new ObjectDeletion(key, versionId, ifMatch) { BypassGovernance = bypassGovernance };
        var results = await DeleteObjectsAsync(bucket, [deletion], cancellationToken).ConfigureAwait(false);
        if (results[0].Error is { } error)
        {
            throw new StorageException(error, results[0].ErrorMessage ?? error.ToString());
        }

        return results[0];
    }

    public async Task<IReadOnlyList<DeleteObjectResult>> DeleteObjectsAsync(
        string bucket, IReadOnlyList<ObjectDeletion> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var results = new DeleteObjectResult[keys.Count];
        var valid = new List<int>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            var (key, versionId, _) = keys[i];
            try
            {
                KeyRules.Validate(key);
                valid.Add(i);
            }
            catch (StorageException ex)
            {
                results[i] = new DeleteObjectResult(key, versionId, ex.Code, ex.Message);
            }
        }

        // All deletes of the request are one unit of work: one commit, and every removed blob goes to the garbage
        // table in it. Deleting a missing key succeeds (S3 DeleteObject is idempotent) unless a condition asks for it.
        // A key whose condition fails changes nothing before it throws, so the others go on in the same unit.
        string region = _options.Region;
        var outcomes = await _metadata.WriteAsync(
            tx =>
            {
                var row = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                var done = new Dictionary<int, object>();
                foreach (int i in valid)
                {
                    try
                    {
                        var stamp = CommitStamp.Local(tx, region, row.Versioning);
                        done[i] = ObjectCommitPath.Delete(tx, row, keys[i].Key, keys[i].VersionId, keys[i].IfMatch, stamp, keys[i].BypassGovernance, _events, replication: _replication);
                    }
                    catch (StorageException ex) when (ex.Code is StorageErrorCode.PreconditionFailed or StorageErrorCode.NoSuchKey or StorageErrorCode.ObjectLocked)
                    {
                        done[i] = ex;
                    }
                }

                return done;
            },
            cancellationToken).ConfigureAwait(false);
        foreach (int i in valid)
        {
            results[i] = outcomes[i] switch
            {
                StorageException failure => new DeleteObjectResult(keys[i].Key, keys[i].VersionId, failure.Code, failure.Message),
                DeleteOutcome outcome => new DeleteObjectResult(keys[i].Key, keys[i].VersionId)
                {
                    DeleteMarker = outcome.DeleteMarker,
                    DeleteMarkerVersionId = outcome.DeleteMarkerVersionId,
                },
                _ => throw new InvalidOperationException("A delete has an outcome or a failure."),
            };
        }

        return results;
    }

    public async Task<ObjectInfo> CopyObjectAsync(CopyObjectRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        KeyRules.Validate(request.Key);
        KeyRules.Validate(request.SourceKey);
        if (request.SourceBucket == request.Bucket && request.SourceKey == request.Key
            && request.ReplaceAttributes is null && request.ChecksumAlgorithm is null && request.Encryption is null)
        {
            // AWS CopyObject: a copy onto itself must change something.
            throw new StorageException(
                StorageErrorCode.InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        var bucket = await RequireBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        await using var source = await _opener.OpenAsync(
            request.SourceBucket, request.SourceKey, request.SourceVersionId, cancellationToken, request.SourceCustomerKey).ConfigureAwait(false);
        var info = source.Info;
        if (ConditionEvaluator.EvaluateCopySource(request.SourceConditions, info.ETag, info.LastModified) != ConditionOutcome.Proceed)
        {
            throw Errors.PreconditionFailed();
        }

        if (request.SourceKmsCheck is { } check && info.Kms is { } sourceKms)
        {
            await check(sourceKms, cancellationToken).ConfigureAwait(false);
        }

        if (info.Size > _options.MaxObjectSize)
        {
            throw new StorageException(
                StorageErrorCode.InvalidRequest,
                $"The specified copy source is larger than the maximum allowable size for a copy source: {_options.MaxObjectSize}");
        }

        await _quotas.CheckBeforeBodyAsync(bucket.Owner, info.Size, cancellationToken).ConfigureAwait(false);

        // The bytes stream from the source's verified blocks into a new blob (or inline row): nothing is buffered whole.
        var algorithm = request.ChecksumAlgorithm ?? info.Checksum?.Algorithm;
        await using var stream = new ObjectContentStream(source, 0, info.Size);
        using var encryption = _keys.ForWrite(request.Encryption);
        await using var body = await BodyReader.ReadAsync(
            encryption?.Blobs(_blobs) ?? _blobs, stream, info.Size, _options.MaxObjectSize, _options.InlineThreshold, algorithm, null, null,
            cancellationToken).ConfigureAwait(false);
        var access = request.ReplaceTags ? request.Access : (request.Access ?? ObjectAccess.Default) with { Tags = info.Tags };
        return await _committer.CommitAsync(
            request.Bucket, request.Key, body, request.ReplaceAttributes ?? info.Attributes, algorithm, null,
            access, cancellationToken, encryption, ObjectEventName.Copy).ConfigureAwait(false);
    }

    public async Task<ObjectAcl> GetObjectAclAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        var info = await _opener.HeadAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        return new ObjectAcl(info.Owner, await _metadata.GetObjectAclAsync(bucket, key, info.VersionId, cancellationToken).ConfigureAwait(false));
    }

    public Task SetObjectAclAsync(string bucket, string key, string? versionId, string? acl, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        return _metadata.WriteAsync(
            tx =>
            {
                var row = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                ObjectCommitPath.SetAcl(tx, bucket, key, versionId, acl, Replicating(row));
                return true;
            },
            cancellationToken);
    }

    public Task SetObjectTagsAsync(string bucket, string key, string? versionId, string? tags, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        return _metadata.WriteAsync(
            tx =>
            {
                var row = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                ObjectCommitPath.SetTags(tx, bucket, key, versionId, tags, Replicating(row));
                return true;
            },
            cancellationToken);
    }

    public async Task<ObjectLockState> GetObjectLockAsync(string bucket, string key, string? versionId, CancellationToken cancellationToken)
    {
        var info = await _opener.HeadAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        return await _metadata.GetObjectLockAsync(bucket, key, info.VersionId, cancellationToken).ConfigureAwait(false) is { } stored
            ? ObjectLocks.ToContract(stored)
            : ObjectLockState.None;
    }

    public Task SetObjectRetentionAsync(
        string bucket, string key, string? versionId, ObjectLockMode? mode, DateTimeOffset? retainUntil, bool bypassGovernance,
        CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        return _metadata.WriteAsync(
            tx =>
            {
                var row = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                ObjectCommitPath.SetRetention(tx, bucket, key, versionId, mode, retainUntil, bypassGovernance, Replicating(row));
                return true;
            },
            cancellationToken);
    }

    public Task SetObjectLegalHoldAsync(string bucket, string key, string? versionId, bool on, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        return _metadata.WriteAsync(
            tx =>
            {
                var row = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                ObjectCommitPath.SetLegalHold(tx, bucket, key, versionId, on, Replicating(row));
                return true;
            },
            cancellationToken);
    }

    public async Task<ListObjectVersionsPage> ListObjectVersionsAsync(ListObjectVersionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        var listing = await _metadata.ListObjectVersionsAsync(
            new ObjectVersionListQuery(
                request.Bucket, request.Prefix ?? string.Empty, request.Delimiter, request.KeyMarker, request.VersionIdMarker, request.MaxKeys),
            cancellationToken).ConfigureAwait(false);
        var versions = new ObjectVersionSummary[listing.Versions.Count];
        for (int i = 0; i < versions.Length; i++)
        {
            var v = listing.Versions[i];
            versions[i] = new ObjectVersionSummary(
                v.Key, v.VersionId, v.IsLatest, v.IsDeleteMarker, v.Size, v.ETag, v.LastModified, v.Owner, Mapping.ToContract(v.Checksum));
        }

        return new ListObjectVersionsPage(versions, listing.CommonPrefixes, listing.IsTruncated, listing.NextKeyMarker, listing.NextVersionIdMarker);
    }

    public async Task<ListObjectsPage> ListObjectsAsync(ListObjectsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await RequireBucketAsync(request.Bucket, cancellationToken).ConfigureAwait(false);
        var listing = await _metadata.ListObjectsAsync(
            new ObjectListQuery(request.Bucket, request.Prefix ?? string.Empty, request.Delimiter, request.StartAfter, request.MaxKeys),
            cancellationToken).ConfigureAwait(false);
        var objects = new ObjectInfo[listing.Objects.Count];
        for (int i = 0; i < objects.Length; i++)
        {
            var e = listing.Objects[i];

            // Listings carry no attributes (ListObjectsV2 returns none), so Attributes is empty here.
            objects[i] = new ObjectInfo(
                request.Bucket, e.Key, e.VersionId, e.Size, e.ETag, e.LastModified, ObjectAttributes.Empty,
                Mapping.ToContract(e.Checksum), null, e.Owner, _options.Region);
        }

        return new ListObjectsPage(objects, listing.CommonPrefixes, listing.IsTruncated, listing.LastEntry);
    }

    /// <summary>
    /// A read before the body is taken, although the commit checks the bucket again inside its transaction: it
    /// refuses a write to a missing bucket before gigabytes are streamed into a blob that could never be committed.
    /// The in-transaction check stays the one that decides (a bucket deleted meanwhile still fails the commit).
    /// </summary>
    private async Task<BucketRow> RequireBucketAsync(string bucket, CancellationToken cancellationToken) =>
        await _metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) ?? throw Errors.NoSuchBucket(bucket);

    /// <summary>
    /// <see cref="RequireBucketAsync"/> for a PUT, answered from the bucket access cache when there is one: the
    /// request's authorization has just loaded that entry, and a read of the database per PUT is a round trip that
    /// PostgreSQL charges for (docs/metadata-engines.md "Throughput"). A stale entry cannot let a write through:
    /// the commit reads the bucket again in its transaction.
    /// </summary>
    private async Task<string> RequireBucketOwnerAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_buckets is not null)
        {
            var access = await _buckets.GetAccessAsync(bucket, cancellationToken).ConfigureAwait(false);
            return access?.Owner ?? throw Errors.NoSuchBucket(bucket);
        }

        return (await RequireBucketAsync(bucket, cancellationToken).ConfigureAwait(false)).Owner;
    }

    /// <summary>What a metadata-only change needs to record itself for replication (issue 17), in its own transaction.</summary>
    private ObjectReplication? Replicating(BucketRow bucket) => _replication is null ? null : new ObjectReplication(_replication, bucket.Owner);
}
