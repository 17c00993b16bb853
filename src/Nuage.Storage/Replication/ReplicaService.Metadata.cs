using Nuage.Metadata;
using Nuage.Storage.Internal;

namespace Nuage.Storage.Replication;

/// <summary>
/// Both ends of a metadata-only push (outbox rows with <see cref="ReplicationOutboxEntry.MetadataOnly"/>): read a
/// version's tags, ACL, retention and legal hold in the source region, write them onto the same version in the
/// destination region.
/// </summary>
public sealed partial class ReplicaService
{
    /// <summary>The metadata of a version to push, or null when the version is gone (removed by id since the change).</summary>
    public async Task<ReplicaMetadata?> OpenMetadataAsync(string bucket, string key, string versionId, CancellationToken cancellationToken)
    {
        // The stamp first: a change committed between the reads then travels with an earlier stamp than its own, and its
        // own row follows with the right one; read after, a later stamp could cover an older state and shut the newer
        // one out at the destination.
        var stamp = await metadata.GetReplicationMetadataStampAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        var row = await metadata.GetObjectAsync(bucket, key, versionId, withData: false, cancellationToken).ConfigureAwait(false);
        if (row is null || row.IsDeleteMarker)
        {
            return null;
        }

        var acl = await metadata.GetObjectAclAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        var locked = await metadata.GetObjectLockAsync(bucket, key, versionId, cancellationToken).ConfigureAwait(false);
        return new ReplicaMetadata(key, versionId, row.Tags, acl, locked, bucket, stamp);
    }

    /// <summary>
    /// Writes <paramref name="change"/> onto the version of the same id in <paramref name="bucket"/>, which must belong to
    /// <paramref name="sourceOwner"/> (as for a version's push). Returns false when this bucket does not have that version
    /// (its push was refused, or it was removed here by id): there is nothing to change, and nothing to wait for, since
    /// the key's order puts a version's own push before the rows of its changes. Never recorded for replication again:
    /// a change that arrived by replication does not go back (no ping-pong in two-way setups). Applying the same state
    /// twice changes nothing, so a retried push is harmless.
    /// A change of a version that is this bucket's own (not a REPLICA here) was made on a replica elsewhere: it is a
    /// replica modification, which AWS replicates back only when replica modification sync is enabled "on the source
    /// and destination buckets" (S3 API reference, "ReplicaModifications"). The sender's rule was checked where the
    /// change was made; here this bucket's own rule to the sending bucket must have ReplicaModifications Enabled too,
    /// otherwise the change is not applied and the answer is false, as for a version this bucket does not have.
    /// Concurrent changes in two regions resolve last-writer-wins on their stamps (issue 17, schema 027): a change no
    /// later than the one this version last took is superseded, answered true (delivered) and not applied, since the
    /// later change here goes the other way with its own stamp; a later one is applied with its stamp.
    /// </summary>
    public async Task<bool> ApplyMetadataAsync(string bucket, string sourceOwner, ReplicaMetadata change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        KeyRules.Validate(change.Key);
        if (change.Stamp is { } stamp && (stamp.Region.Length is 0 or > 63 || stamp.Ticks <= 0))
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "The change's stamp names no region or no time.");
        }

        var destination = await metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) ?? throw Errors.NoSuchBucket(bucket);
        if (destination.Owner != sourceOwner)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, $"The destination bucket {bucket} does not belong to the source bucket's account.");
        }

        return await metadata.WriteAsync(
            tx =>
            {
                var version = tx.GetObjectVersion(bucket, change.Key, change.VersionId);
                if (version is null || version.IsDeleteMarker)
                {
                    return false;
                }

                if (tx.GetReplicationStatus(bucket, change.Key, change.VersionId) != ReplicationStatuses.Replica
                    && !TakesReplicaModifications(bucket, destination.Owner, change.SourceBucket))
                {
                    return false;
                }

                if (change.Stamp is not null)
                {
                    if (change.Stamp <= tx.GetReplicationMetadataStamp(bucket, change.Key, change.VersionId))
                    {
                        return true;
                    }

                    tx.SetReplicationMetadataStamp(bucket, change.Key, change.VersionId, change.Stamp);
                }

                tx.SetObjectTags(bucket, change.Key, change.VersionId, change.Tags);
                tx.SetObjectAcl(bucket, change.Key, change.VersionId, change.Acl);
                tx.SetObjectLock(bucket, change.Key, change.VersionId, change.Lock);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether <paramref name="bucket"/> has an enabled rule with ReplicaModifications Enabled to
    /// <paramref name="sourceBucket"/> (to any bucket when the sender did not name its bucket).
    /// </summary>
    private bool TakesReplicaModifications(string bucket, string owner, string? sourceBucket) =>
        replications.TryGet(bucket, owner, out var configuration)
        && configuration.Rules.Any(r => r.Enabled && r.ReplicaModifications
            && (sourceBucket is null || string.Equals(r.DestinationBucket, sourceBucket, StringComparison.Ordinal)));
}
