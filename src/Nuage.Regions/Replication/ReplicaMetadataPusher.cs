using System.Text.Json;
using Nuage.Regions.Federation;
using Nuage.Storage;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// Sends a metadata-only change (an outbox row with <see cref="Nuage.Metadata.ReplicationOutboxEntry.MetadataOnly"/>) to
/// its destination bucket: the version's tags, ACL, retention and legal hold as they are now, onto the same version
/// there. Into this region's own store when the bucket is here, else <c>PUT /api/federation/replica-metadata/{bucket}</c>
/// on the destination region's console port, signed as a version's push is (<see cref="ReplicaPusher"/>). Delivered
/// when applied; Gone when the destination does not have the version (nothing to change there).
/// </summary>
internal sealed class ReplicaMetadataPusher(ReplicaService replicas, FederationMembership membership, FederationPushChannel channel)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PushResult> PushAsync(ReplicaMetadata change, string destinationBucket, string destinationRegion, string owner, CancellationToken cancellationToken)
    {
        if (destinationRegion == membership.LocalRegion)
        {
            try
            {
                return await replicas.ApplyMetadataAsync(destinationBucket, owner, change, cancellationToken).ConfigureAwait(false)
                    ? PushResult.Delivered
                    : PushResult.Gone;
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.NoSuchBucket or StorageErrorCode.InvalidRequest)
            {
                return PushResult.Refused(e.Message);
            }
        }

        return await channel.PutAsync(
            destinationRegion,
            "api/federation/replica-metadata/" + Uri.EscapeDataString(destinationBucket),
            request =>
            {
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Metadata, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(change, Json)));
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Owner, owner);
                request.Content = new ByteArrayContent([]);
            },
            answer => answer.Contains("\"NotPresent\"", StringComparison.Ordinal) ? PushResult.Gone : PushResult.Delivered,
            cancellationToken).ConfigureAwait(false);
    }
}
