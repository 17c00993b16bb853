using Nuage.Metadata;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// The worker's share of metadata-only changes (outbox rows with <see cref="ReplicationOutboxEntry.MetadataOnly"/>,
/// schema 024): such a row is pushed in its key's order like a version's row, as the version's current tags, ACL,
/// retention and legal hold (<see cref="ReplicaMetadataPusher"/>), and it never turns a REPLICA into COMPLETED.
/// </summary>
public sealed partial class ReplicationWorker
{
    private readonly ReplicaMetadataPusher _metadataPusher = new(replicas, membership, new FederationPushChannel(membership, http, operatorKey.AccessKeyId, operatorKey.SecretKey, time ?? TimeProvider.System));

    /// <summary>Pushes a metadata-only row to the destination bucket's region, already resolved and reachable as far as this pass knows.</summary>
    private async Task<PushResult> PushMetadataAsync(
        ReplicationOutboxEntry entry, string destinationRegion, string owner,
        System.Collections.Concurrent.ConcurrentDictionary<string, string> unreachable, CancellationToken cancellationToken)
    {
        var change = await replicas.OpenMetadataAsync(entry.Bucket, entry.Key, entry.VersionId, cancellationToken).ConfigureAwait(false);
        if (change is null)
        {
            // The version was removed by id since the change: nothing left to describe.
            return PushResult.Gone;
        }

        var result = await _metadataPusher.PushAsync(change, entry.DestinationBucket, destinationRegion, owner, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == PushOutcome.Retry && result.Error!.Contains("cannot be reached", StringComparison.Ordinal))
        {
            unreachable.TryAdd(destinationRegion, result.Error);
        }

        return result;
    }

    /// <summary>
    /// Whether the end of <paramref name="entry"/> may set its version's status: always for a version's row; for a
    /// metadata row only while the version is PENDING (its own push done, this change was the last row waiting), so a
    /// change replicated from a replica leaves it REPLICA and one of a COMPLETED version leaves it COMPLETED.
    /// </summary>
    private static bool SettlesStatus(IMetadataTransaction tx, ReplicationOutboxEntry entry) =>
        !entry.MetadataOnly || tx.GetReplicationStatus(entry.Bucket, entry.Key, entry.VersionId) == ReplicationStatuses.Pending;
}
