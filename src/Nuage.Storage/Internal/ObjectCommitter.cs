namespace Nuage.Storage.Internal;

using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Commits;
using Nuage.Storage.Encryption;
using Nuage.Storage.Notifications;
using Nuage.Storage.Objects;
using Nuage.Storage.Quotas;

/// <summary>
/// Single-request object writes (PUT, copy): data first (the blob is committed and durable), then one metadata
/// unit of work that checks the bucket and hands the new version to <see cref="ObjectCommitPath"/>. If the commit
/// fails the new blob is deleted, since no row will ever reference it. An encrypted write's blob already holds
/// ciphertext (<see cref="WriteEncryption.Blobs"/>); an inline body is sealed here, and the envelope joins the row.
/// </summary>
internal sealed class ObjectCommitter(IMetadataStore metadata, IBlobStore blobs, StorageOptions options, QuotaGuard quotas, NotificationRecorder? events,
    Replication.ReplicationRecorder? replication = null)
{
    public async Task<ObjectInfo> CommitAsync(
        string bucket, string key, IngestedBody body, ObjectAttributes attributes, ChecksumAlgorithm? algorithm,
        WriteCondition? condition, ObjectAccess? access, CancellationToken cancellationToken, WriteEncryption? encryption = null,
        string createdEventName = ObjectEventName.Put)
    {
        DataLocation data;
        if (body.Blob is { } blob)
        {
            await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
            data = new BlobManifest([new BlobSegment(blob.BlobId, body.Length)]);
        }
        else
        {
            // The inline checksum covers the bytes as stored (ciphertext when encrypted), as a blob's blocks do.
            byte[] stored = encryption is null ? body.Inline! : encryption.Key.SealInline(body.Inline);
            data = new InlineData(stored, BlockChecksum.Compute(stored, 0));
        }

        var checksum = algorithm is { } a && body.Checksum is not null
            ? new StoredChecksum(ChecksumAlgorithmNames.Name(a), Convert.ToBase64String(body.Checksum), false)
            : null;
        var content = new ObjectVersionContent(bucket, key, body.Length, body.ETag, "", Mapping.ToStored(attributes), checksum, null, data)
        {
            Acl = access?.Acl,
            Tags = access?.Tags,
            Lock = access?.Lock,

            Encryption = encryption?.Envelope,
        };
        string region = options.Region;
        try
        {
            var row = await metadata.WriteAsync(
                tx =>
                {
                    var owner = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                    var owned = content with { Owner = access?.Owner ?? owner.Owner };
                    return ObjectCommitPath.Put(
                        tx, owned, CommitStamp.Local(tx, region, owner.Versioning), condition, quotas.For(owner.Owner),
                        events is null ? null : new ObjectEvents(events, owner.Owner, createdEventName),
                        replication is null ? null : new ObjectReplication(replication, owner.Owner));
                },
                cancellationToken).ConfigureAwait(false);
            return Mapping.ToInfo(row);
        }
        catch (Exception failure)
        {
            if (body.Blob is { } written)
            {
                UncommittedBlobs.Reclaim(blobs, failure, [written.BlobId]);
            }

            throw;
        }
    }
}
