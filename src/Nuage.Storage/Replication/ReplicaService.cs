using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Commits;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;

namespace Nuage.Storage.Replication;

/// <summary>
/// Both ends of one replication push, as storage sees them: <see cref="OpenSourceAsync"/> reads a version in the
/// source region, <see cref="WriteAsync"/> writes it in the destination region through
/// <see cref="ObjectCommitPath.PutReplica"/> with the source's stamp. The transport between them is the regions'
/// business (Nuage.Regions.Replication).
/// </summary>
public sealed partial class ReplicaService(IMetadataStore metadata, IBlobStore blobs, StorageOptions options, IObjectService objects, BucketReplications replications)
{
    /// <summary>Buckets that hold replicas (the bucket setting "replicas"): with those that replicate, the only ones whose reads ask for a status.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _replicaBuckets = new(StringComparer.Ordinal);

    /// <summary>Reads which buckets hold replicas; before the server listens.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (bucket, _) in await metadata.ListBucketsWithSettingAsync(Buckets.BucketSettingNames.Replicas, cancellationToken).ConfigureAwait(false))
        {
            _replicaBuckets[bucket] = true;
        }
    }

    /// <summary>
    /// Whether versions of <paramref name="bucket"/> may have an x-amz-replication-status: it replicates, or it has
    /// received replicas. Other buckets' reads pay nothing for replication.
    /// </summary>
    public bool MayHaveStatus(string bucket) => _replicaBuckets.ContainsKey(bucket) || replications.Get(bucket) is not null;

    /// <summary>The version to push, or null when it is gone (removed by id, or its bucket deleted, since its commit).</summary>
    public async Task<ReplicaSource?> OpenSourceAsync(string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        var row = await metadata.GetObjectAsync(bucket, key, versionId, withData: false, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var retention = row.IsDeleteMarker ? null : await metadata.GetObjectLockAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        var version = new ReplicaVersion(
            row.Key, row.VersionId, row.LastModified, row.OriginRegion, row.IsDeleteMarker, row.Size, row.ETag, row.Attributes, row.Checksum,
            row.PartsCount, row.Tags, retention);
        if (row.IsDeleteMarker)
        {
            return new ReplicaSource(version, null);
        }

        try
        {
            var content = await objects.OpenObjectAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);

            // The manifest's part boundaries travel with a multipart version, so its replica keeps its parts (AWS keeps the ETag).
            return new ReplicaSource(version with { PartSizes = content.Info.PartSizes?.ToArray(), PartChecksums = content.Info.PartChecksums?.ToArray() }, content);
        }
        catch (StorageException e) when (e.Code is StorageErrorCode.NoSuchKey or StorageErrorCode.NoSuchVersion or StorageErrorCode.NoSuchBucket)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="version"/> into <paramref name="bucket"/> (its bytes read from <paramref name="body"/>,
    /// exactly <see cref="ReplicaVersion.Size"/> of them). The bucket must exist here with versioning enabled (AWS
    /// requires it of a destination): NoSuchBucket or InvalidRequest otherwise, which the pushing region takes as a
    /// refusal for good. A version already here is left alone without reading the body.
    /// </summary>
    public async Task<ReplicaWriteOutcome> WriteAsync(string bucket, string sourceOwner, ReplicaVersion version, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        KeyRules.Validate(version.Key);
        var destination = await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) ?? throw Errors.NoSuchBucket(bucket);
        if (destination.Versioning != BucketVersioning.Enabled)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "Destination bucket must have versioning enabled.");
        }

        // Replication writes only into a bucket of the source bucket's own account: a configuration can never put
        // objects into someone else's bucket (PutBucketReplication checks this too, but a bucket may change hands).
        if (destination.Owner != sourceOwner)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, $"The destination bucket {bucket} does not belong to the source bucket's account.");
        }

        if (await metadata.GetObjectAsync(bucket, version.Key, version.VersionId, withData: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ReplicaWriteOutcome.AlreadyPresent;
        }

        var stamp = new CommitStamp(version.VersionId, version.LastModified, version.OriginRegion);
        if (version.IsDeleteMarker)
        {
            var marker = new ObjectVersionContent(bucket, version.Key, 0, string.Empty, destination.Owner, StoredAttributes.Empty, null, null, null!);
            return await CommitAsync(marker, stamp, isDeleteMarker: true, null, cancellationToken).ConfigureAwait(false);
        }

        if (MultipartReplicaParts.Apply(version))
        {
            var manifest = await MultipartReplicaParts.IngestAsync(blobs, body, version, cancellationToken).ConfigureAwait(false);
            return await CommitBlobsAsync(bucket, destination.Owner, version, stamp, manifest, cancellationToken).ConfigureAwait(false);
        }

        await using var ingested = await BodyReader.ReadAsync(
            blobs, body, version.Size, Math.Max(options.MaxObjectSize, version.Size), options.InlineThreshold, null, null, null, cancellationToken).ConfigureAwait(false);
        if (ingested.Length != version.Size)
        {
            throw new StorageException(StorageErrorCode.IncompleteBody, $"The replica of {version.Key} has {ingested.Length} bytes, not {version.Size}.");
        }

        // A single-part ETag is the MD5 of the bytes: what arrived is checked against it. A multipart ETag is a digest
        // of the parts' digests, which the bytes alone cannot reproduce; the length and the transport's own integrity
        // cover those.
        if (!version.ETag.Contains('-', StringComparison.Ordinal) && !string.Equals(ingested.ETag, version.ETag, StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageErrorCode.BadDigest, $"The replica of {version.Key} does not have the source's MD5 {version.ETag}.");
        }

        DataLocation data;
        if (ingested.Blob is { } blob)
        {
            await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
            data = new BlobManifest([new BlobSegment(blob.BlobId, ingested.Length)]);
        }
        else
        {
            data = new InlineData(ingested.Inline!, BlockChecksum.Compute(ingested.Inline!, 0));
        }

        var content = new ObjectVersionContent(
            bucket, version.Key, version.Size, version.ETag, destination.Owner, version.Attributes, version.Checksum, version.PartsCount, data)
        {
            Tags = version.Tags,
        };
        try
        {
            var outcome = await CommitAsync(content, stamp, isDeleteMarker: false, version.Retention, cancellationToken).ConfigureAwait(false);
            if (outcome == ReplicaWriteOutcome.AlreadyPresent && ingested.Blob is { } unused)
            {
                blobs.Delete(unused.BlobId);
            }

            return outcome;
        }
        catch
        {
            if (ingested.Blob is { } written)
            {
                blobs.Delete(written.BlobId);
            }

            throw;
        }
    }

    /// <summary>Commits a replica whose bytes are already in committed blobs (<paramref name="manifest"/>); the blobs are deleted when it is not written.</summary>
    private async Task<ReplicaWriteOutcome> CommitBlobsAsync(
        string bucket, string owner, ReplicaVersion version, CommitStamp stamp, BlobManifest manifest, CancellationToken cancellationToken)
    {
        var content = new ObjectVersionContent(bucket, version.Key, version.Size, version.ETag, owner, version.Attributes, version.Checksum, version.PartsCount, manifest)
        {
            Tags = version.Tags,
        };
        bool keep = false;
        try
        {
            var outcome = await CommitAsync(content, stamp, isDeleteMarker: false, version.Retention, cancellationToken).ConfigureAwait(false);
            keep = outcome == ReplicaWriteOutcome.Written;
            return outcome;
        }
        finally
        {
            if (!keep)
            {
                foreach (var segment in manifest.Segments)
                {
                    blobs.Delete(segment.BlobId);
                }
            }
        }
    }

    /// <summary>The version's x-amz-replication-status, or null (GET and HEAD ask only for buckets that replicate or receive replicas).</summary>
    public async Task<string?> StatusAsync(string bucket, string key, string versionId, CancellationToken cancellationToken) =>
        await metadata.GetReplicationStatusAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);

    private async Task<ReplicaWriteOutcome> CommitAsync(
        ObjectVersionContent content, CommitStamp stamp, bool isDeleteMarker, ObjectLockRow? retention, CancellationToken cancellationToken)
    {
        bool written = await metadata.WriteAsync(
            tx =>
            {
                if (tx.GetBucket(content.Bucket) is not { Versioning: BucketVersioning.Enabled })
                {
                    throw Errors.NoSuchBucket(content.Bucket);
                }

                if (!_replicaBuckets.ContainsKey(content.Bucket))
                {
                    tx.SetBucketSetting(content.Bucket, Buckets.BucketSettingNames.Replicas, "1");
                }

                return ObjectCommitPath.PutReplica(tx, content, stamp, isDeleteMarker, retention);
            },
            cancellationToken).ConfigureAwait(false);
        _replicaBuckets[content.Bucket] = true;
        return written ? ReplicaWriteOutcome.Written : ReplicaWriteOutcome.AlreadyPresent;
    }
}
