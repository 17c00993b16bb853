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
public sealed partial class ReplicaService(
    IMetadataStore metadata,
    IBlobStore blobs,
    StorageOptions options,
    IObjectService objects,
    BucketReplications replications,
    Encryption.EncryptionKeys? keys = null,
    Encryption.Kms.KmsKeyRing? kms = null,
    IReplicationGrants? grants = null)
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

        if (Encryption.EncryptionKeys.ModeOf(row.Encryption) == Encryption.ServerSideEncryption.CustomerKey)
        {
            return await OpenSealedAsync(version, bucket, key, versionId, cancellationToken).ConfigureAwait(false);
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
    /// An SSE-C version as stored: its ciphertext (inline bytes, or its blobs opened raw, so the collector cannot take
    /// them mid-push), its envelope, and per blob the id its key derives from and its plaintext length. AWS replicates
    /// SSE-C objects; without the customer's key the only way is to send what is stored, and the destination records
    /// the ids the blob keys derive from beside its own blobs' (docs/encryption.md).
    /// </summary>
    private async Task<ReplicaSource?> OpenSealedAsync(ReplicaVersion version, string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        var row = await metadata.GetObjectAsync(bucket, key, versionId, withData: true, cancellationToken).ConfigureAwait(false);
        if (row is null || row.Encryption is null)
        {
            return null;
        }

        if (row.Data is InlineData inline)
        {
            if (BlockChecksum.Compute(inline.Bytes, 0) != inline.Checksum)
            {
                throw Errors.Corrupted($"inline data of {bucket}/{key}");
            }

            var sealedInline = new ReplicaTerms(Encryption.ServerSideEncryption.CustomerKey, CustomerEnvelope: row.Encryption, CustomerSegments: []);
            return new ReplicaSource(
                version, new StoredObjectContent(Mapping.ToInfo(row with { Size = inline.Bytes.Length }), inline.Bytes), sealedInline, inline.Bytes.Length);
        }

        var segments = ((BlobManifest)row.Data!).Segments;
        var readers = new BlobReader[segments.Count];
        int opened = 0;
        try
        {
            for (; opened < readers.Length; opened++)
            {
                readers[opened] = blobs.OpenRead(segments[opened].BlobId, Encryption.EncryptedLayout.StoredLength(segments[opened].Length));
            }
        }
        catch (FileNotFoundException)
        {
            // Removed and collected since the row was read: nothing left to send.
            for (int i = 0; i < opened; i++)
            {
                readers[i].Dispose();
            }

            return null;
        }

        long stored = readers.Sum(r => r.Length);
        // On the wire a segment's BlobId is the id its key derives from: this version's blobs' own ids mean nothing to
        // the destination, and a replica of a replica still derives from the first source's ids.
        var terms = new ReplicaTerms(
            Encryption.ServerSideEncryption.CustomerKey, CustomerEnvelope: row.Encryption, CustomerSegments: [.. segments.Select(s => new BlobSegment(s.KeyDerivationId, s.Length))]);
        return new ReplicaSource(version, new StoredObjectContent(Mapping.ToInfo(row with { Size = stored }), readers), terms, stored);
    }

    /// <summary>
    /// An SSE-C replica, written as it arrives: its ciphertext into new blobs, each recording the id its key derives
    /// from (<see cref="BlobSegment.KeyBlobId"/>, the source's), or inline; its envelope as is. Nothing here can read
    /// it; GET with the customer's key does, and the GCM tags of every block tell a damaged or misplaced byte. The
    /// blobs are new, as a PUT's are, so a retried push, a second replica of the version in this region (another
    /// bucket, or the source's own region) and a concurrent push of it never meet: the commit keeps one version.
    /// </summary>
    private async Task<DataLocation> IngestSealedAsync(ReplicaVersion version, ReplicaTerms terms, Stream body, CancellationToken cancellationToken)
    {
        if (terms.CustomerEnvelope is not { } envelope || Encryption.EncryptionKeys.ModeOf(envelope) != Encryption.ServerSideEncryption.CustomerKey
            || terms.CustomerSegments is not { } segments || (segments.Count > 0 && segments.Sum(s => s.Length) != version.Size))
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, $"The SSE-C replica of {version.Key} comes without a consistent envelope and blob list.");
        }

        var written = new List<Guid>();
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            if (segments.Count == 0)
            {
                long length = Encryption.EncryptedLayout.StoredLength(version.Size);
                if (length > options.InlineThreshold + (64 * 1024))
                {
                    throw new StorageException(StorageErrorCode.InvalidRequest, $"The SSE-C replica of {version.Key} is too large to be kept inline.");
                }

                var bytes = new byte[length];
                await ReadExactlyAsync(body, bytes, version.Key, cancellationToken).ConfigureAwait(false);
                return new InlineData(bytes, BlockChecksum.Compute(bytes, 0));
            }

            var stored = new List<BlobSegment>(segments.Count);
            foreach (var segment in segments)
            {
                await using var writer = blobs.CreateWriter();
                long remaining = Encryption.EncryptedLayout.StoredLength(segment.Length);
                while (remaining > 0)
                {
                    int read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new StorageException(StorageErrorCode.IncompleteBody, $"The SSE-C replica of {version.Key} ended early.");
                    }

                    await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    remaining -= read;
                }

                await writer.CommitAsync(cancellationToken).ConfigureAwait(false);
                written.Add(writer.BlobId);
                stored.Add(new BlobSegment(writer.BlobId, segment.Length, KeyBlobId: segment.BlobId));
            }

            return new BlobManifest(stored);
        }
        catch
        {
            written.ForEach(blobs.Delete);
            throw;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task ReadExactlyAsync(Stream body, byte[] target, string key, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < target.Length)
        {
            int read = await body.ReadAsync(target.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new StorageException(StorageErrorCode.IncompleteBody, $"The SSE-C replica of {key} ended early.");
            }

            filled += read;
        }
    }

    /// <summary>
    /// Writes <paramref name="version"/> into <paramref name="bucket"/> (its bytes read from <paramref name="body"/>,
    /// exactly <see cref="ReplicaVersion.Size"/> of them). The bucket must exist here with versioning enabled (AWS
    /// requires it of a destination): NoSuchBucket or InvalidRequest otherwise, which the pushing region takes as a
    /// refusal for good. A version already here is left alone without reading the body.
    /// </summary>
    public Task<ReplicaWriteOutcome> WriteAsync(string bucket, string sourceOwner, ReplicaVersion version, Stream body, CancellationToken cancellationToken) =>
        WriteAsync(bucket, sourceOwner, version, body, null, cancellationToken);

    /// <summary>
    /// <see cref="WriteAsync(string, string, ReplicaVersion, Stream, CancellationToken)"/> under the rule's
    /// <paramref name="terms"/>: the plaintext that arrives is encrypted here with this region's own keys as the
    /// source version was (SSE-S3 under this region's master key, SSE-KMS under the rule's ReplicaKmsKeyID, which
    /// must be a key of this region and of the destination bucket's account), and a bucket of another account takes
    /// the replica only when its bucket policy grants the source's owner (or Role) s3:ReplicateObject, AWS's
    /// cross-account replication; all refusals are InvalidRequest, which the pushing region records as FAILED.
    /// </summary>
    public async Task<ReplicaWriteOutcome> WriteAsync(
        string bucket, string sourceOwner, ReplicaVersion version, Stream body, ReplicaTerms? terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        KeyRules.Validate(version.Key);
        var destination = await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) ?? throw Errors.NoSuchBucket(bucket);
        if (destination.Versioning != BucketVersioning.Enabled)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "Destination bucket must have versioning enabled.");
        }

        // A bucket of another account takes replicas only when its owner says so in its bucket policy; a
        // configuration alone can never put objects into someone else's bucket.
        if (destination.Owner != sourceOwner)
        {
            await CheckGrantAsync(bucket, destination.Owner, sourceOwner, version, terms, cancellationToken).ConfigureAwait(false);
        }
        else if (terms?.DestinationAccount is { } named && named != destination.Owner)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, $"The destination bucket {bucket} is not owned by the rule's Destination Account {named}.");
        }

        if (await metadata.GetObjectAsync(bucket, version.Key, version.VersionId, withData: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return ReplicaWriteOutcome.AlreadyPresent;
        }

        // AWS: without AccessControlTranslation the replica keeps the source's owner; with Owner=Destination it is
        // the destination bucket's owner's.
        string replicaOwner = terms is { OwnerTranslation: true } ? destination.Owner : sourceOwner;
        var stamp = new CommitStamp(version.VersionId, version.LastModified, version.OriginRegion);
        if (version.IsDeleteMarker)
        {
            var marker = new ObjectVersionContent(bucket, version.Key, 0, string.Empty, replicaOwner, StoredAttributes.Empty, null, null, null!);
            return await CommitAsync(marker, stamp, isDeleteMarker: true, null, cancellationToken).ConfigureAwait(false);
        }

        if (terms is { Encryption: Encryption.ServerSideEncryption.CustomerKey })
        {
            var sealedData = await IngestSealedAsync(version, terms, body, cancellationToken).ConfigureAwait(false);
            if (sealedData is BlobManifest sealedManifest)
            {
                return await CommitBlobsAsync(bucket, replicaOwner, version, stamp, sealedManifest, terms.CustomerEnvelope, cancellationToken).ConfigureAwait(false);
            }

            var sealedContent = new ObjectVersionContent(
                bucket, version.Key, version.Size, version.ETag, replicaOwner, version.Attributes, version.Checksum, version.PartsCount, sealedData)
            {
                Tags = version.Tags,
                Encryption = terms.CustomerEnvelope,
            };
            return await CommitAsync(sealedContent, stamp, isDeleteMarker: false, version.Retention, cancellationToken).ConfigureAwait(false);
        }

        using var encryption = await ReplicaEncryptionAsync(bucket, destination.Owner, version.Key, terms, cancellationToken).ConfigureAwait(false);

        // A multipart version keeps its parts, each a blob encrypted under the destination's data key when the
        // version is encrypted (a part's blob key derives from the data key and the blob id, as for an uploaded part):
        // `?partNumber=N` answers what the source answers (docs/replication.md "Encrypted versions").
        if (MultipartReplicaParts.Apply(version))
        {
            var manifest = await MultipartReplicaParts.IngestAsync(encryption?.Blobs(blobs) ?? blobs, body, version, cancellationToken).ConfigureAwait(false);
            return await CommitBlobsAsync(bucket, replicaOwner, version, stamp, manifest, encryption?.Envelope, cancellationToken).ConfigureAwait(false);
        }

        await using var ingested = await BodyReader.ReadAsync(
            encryption?.Blobs(blobs) ?? blobs, body, version.Size, Math.Max(options.MaxObjectSize, version.Size), options.InlineThreshold, null, null, null,
            cancellationToken).ConfigureAwait(false);
        if (ingested.Length != version.Size)
        {
            throw new StorageException(StorageErrorCode.IncompleteBody, $"The replica of {version.Key} has {ingested.Length} bytes, not {version.Size}.");
        }

        // A single-part ETag is the MD5 of the bytes (of the plaintext, for encrypted versions too: docs/encryption.md):
        // what arrived is checked against it. A multipart ETag is a digest of the parts' digests, which the bytes alone
        // cannot reproduce; the length and the transport's own integrity cover those.
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
            byte[] stored = encryption is null ? ingested.Inline! : encryption.Key.SealInline(ingested.Inline);
            data = new InlineData(stored, BlockChecksum.Compute(stored, 0));
        }

        var content = new ObjectVersionContent(
            bucket, version.Key, version.Size, version.ETag, replicaOwner, version.Attributes, version.Checksum, version.PartsCount, data)
        {
            Tags = version.Tags,
            Encryption = encryption?.Envelope,
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
        catch (Exception failure)
        {
            if (ingested.Blob is { } written)
            {
                UncommittedBlobs.Reclaim(blobs, failure, [written.BlobId]);
            }

            throw;
        }
    }

    /// <summary>Commits a replica whose bytes are already in committed blobs (<paramref name="manifest"/>); the blobs are deleted when it is not written.</summary>
    private async Task<ReplicaWriteOutcome> CommitBlobsAsync(
        string bucket, string owner, ReplicaVersion version, CommitStamp stamp, BlobManifest manifest, byte[]? envelope, CancellationToken cancellationToken)
    {
        var content = new ObjectVersionContent(bucket, version.Key, version.Size, version.ETag, owner, version.Attributes, version.Checksum, version.PartsCount, manifest)
        {
            Tags = version.Tags,
            Encryption = envelope,
        };
        var blobIds = manifest.Segments.Select(segment => segment.BlobId).ToArray();
        ReplicaWriteOutcome outcome;
        try
        {
            outcome = await CommitAsync(content, stamp, isDeleteMarker: false, version.Retention, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            UncommittedBlobs.Reclaim(blobs, failure, blobIds);
            throw;
        }

        if (outcome != ReplicaWriteOutcome.Written)
        {
            foreach (var blobId in blobIds)
            {
                blobs.Delete(blobId);
            }
        }

        return outcome;
    }

    private async Task CheckGrantAsync(
        string bucket, string destinationOwner, string sourceOwner, ReplicaVersion version, ReplicaTerms? terms, CancellationToken cancellationToken)
    {
        if (terms?.DestinationAccount is { } named && named != destinationOwner)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, $"The destination bucket {bucket} is not owned by the rule's Destination Account {named}.");
        }

        var settings = await metadata.GetBucketSettingsAsync(bucket, cancellationToken).ConfigureAwait(false);
        string? refusal = grants is null
            ? $"The destination bucket {bucket} belongs to another account and this server cannot check its bucket policy."
            : grants.Refusal(bucket, settings, sourceOwner, terms?.Role, version.Key, version.IsDeleteMarker);
        if (refusal is not null)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, refusal);
        }
    }

    /// <summary>
    /// The destination's own encryption of a replica (AWS "Replicating encrypted objects": replicas are encrypted in
    /// the destination with the destination's keys, and report the same kind of encryption as their source). Null
    /// for a source stored in the clear.
    /// </summary>
    private async Task<Encryption.WriteEncryption?> ReplicaEncryptionAsync(
        string bucket, string destinationOwner, string key, ReplicaTerms? terms, CancellationToken cancellationToken)
    {
        switch (terms?.Encryption)
        {
            case null:
                return null;
            case Encryption.ServerSideEncryption.S3ManagedKey:
                return Keys.ForWrite(Encryption.EncryptionRequest.S3Managed);
            case Encryption.ServerSideEncryption.KmsKey:
                string reference = terms.ReplicaKmsKeyId
                    ?? throw new StorageException(StorageErrorCode.InvalidRequest, "An SSE-KMS version is replicated only under the rule's ReplicaKmsKeyID.");
                var ring = kms ?? throw new StorageException(StorageErrorCode.InvalidRequest, "SSE-KMS is not available in the destination region.");
                Encryption.Kms.KmsKey replicaKey;
                try
                {
                    replicaKey = await ring.ResolveForEncryptionAsync(destinationOwner, reference, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException e) when (e.Code is StorageErrorCode.KmsKeyNotFound or StorageErrorCode.KmsKeyDisabled)
                {
                    throw new StorageException(StorageErrorCode.InvalidRequest, $"ReplicaKmsKeyID {reference} is not a usable key of the destination bucket's account in its region: {e.Message}");
                }

                // A key ARN names its region: a key of another region (the source's, say) is not this region's key,
                // even where ids could collide.
                if (reference.StartsWith("arn:", StringComparison.Ordinal) && reference.Split(':')[3] != replicaKey.Arn.Split(':')[3])
                {
                    throw new StorageException(StorageErrorCode.InvalidRequest, $"ReplicaKmsKeyID {reference} is not a key of the destination bucket's region.");
                }

                var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["aws:s3:arn"] = Encryption.EncryptionKeys.BucketArn(bucket) + "/" + key };
                return Keys.ForWrite(Encryption.EncryptionRequest.KmsManaged(new Encryption.Kms.KmsWrite(replicaKey, bucket, BucketKeyEnabled: false, context)));
            default:
                throw new StorageException(StorageErrorCode.InvalidRequest, $"Replicas encrypted with {terms.Encryption} are not written here.");
        }
    }

    private Encryption.EncryptionKeys Keys => keys ?? throw new StorageException(StorageErrorCode.InvalidRequest, "Server-side encryption is not available in the destination region.");

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
