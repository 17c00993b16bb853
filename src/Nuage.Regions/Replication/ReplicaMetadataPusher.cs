using System.Net;
using System.Text.Json;
using Nuage.Regions.Federation;
using Nuage.Signing;
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
internal sealed class ReplicaMetadataPusher(ReplicaService replicas, FederationMembership membership, HttpClient http, string accessKeyId, string secretKey, TimeProvider time)
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

        var region = membership.Config?.Find(destinationRegion);
        if (region is null)
        {
            return PushResult.Refused($"The destination bucket's region {destinationRegion} is not in this federation.");
        }

        var uri = new Uri(region.ConsoleEndpoint, "api/federation/replica-metadata/" + Uri.EscapeDataString(destinationBucket));
        using var request = new HttpRequestMessage(HttpMethod.Put, uri);
        request.Headers.TryAddWithoutValidation(ReplicaHeaders.Metadata, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(change, Json)));
        request.Headers.TryAddWithoutValidation(ReplicaHeaders.Owner, owner);
        request.Content = new ByteArrayContent([]);
        new SigV4RequestSigner(accessKeyId, secretKey, destinationRegion, "nuage-admin").SignUnsignedPayload(request, time.GetUtcNow());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text.Contains("\"NotPresent\"", StringComparison.Ordinal) ? PushResult.Gone : PushResult.Delivered;
            }

            string error = $"{region.Name} answered {(int)response.StatusCode}: {(text.Length <= 300 ? text : text[..300])}";
            return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict ? PushResult.Refused(error) : PushResult.Retry(error);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PushResult.Retry($"{region.Name} cannot be reached: {e.Message}");
        }
    }
}
