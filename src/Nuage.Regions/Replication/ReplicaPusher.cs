using System.Net;
using System.Text.Json;
using Nuage.Regions.Federation;
using Nuage.Signing;
using Nuage.Storage;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// Sends one opened source version to its destination bucket: into this region's own store when the bucket is here
/// (replication within a region), else to the destination region's console port, <c>PUT
/// /api/federation/replicas/{bucket}</c>, signed with SigV4 (service nuage-admin) by the operator root key every region
/// of a federation shares, the body streamed unsigned (the receiver checks it against the source's ETag).
/// </summary>
internal sealed class ReplicaPusher(ReplicaService replicas, FederationMembership membership, HttpClient http, string accessKeyId, string secretKey, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<PushResult> PushAsync(
        ReplicaSource source, string destinationBucket, string destinationRegion, string owner, ReplicaTerms terms, CancellationToken cancellationToken)
    {
        var version = source.Version;
        if (destinationRegion == membership.LocalRegion)
        {
            var body = source.Content is null ? Stream.Null : await OpenLocalAsync(source, cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                try
                {
                    await replicas.WriteAsync(destinationBucket, owner, version, body, terms, cancellationToken).ConfigureAwait(false);
                    return PushResult.Delivered;
                }
                catch (StorageException e) when (e.Code is StorageErrorCode.NoSuchBucket or StorageErrorCode.InvalidRequest)
                {
                    return PushResult.Refused(e.Message);
                }
            }
        }

        var region = membership.Config?.Find(destinationRegion);
        if (region is null)
        {
            return PushResult.Refused($"The destination bucket's region {destinationRegion} is not in this federation.");
        }

        var uri = new Uri(region.ConsoleEndpoint, "api/federation/replicas/" + Uri.EscapeDataString(destinationBucket));
        using var request = new HttpRequestMessage(HttpMethod.Put, uri);
        request.Headers.TryAddWithoutValidation(ReplicaHeaders.Version, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(version, Json)));
        request.Headers.TryAddWithoutValidation(ReplicaHeaders.Owner, owner);
        request.Headers.TryAddWithoutValidation(ReplicaHeaders.Terms, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(terms, Json)));
        request.Content = source.Content is null ? new ByteArrayContent([]) : new ObjectBodyContent(source.Content, source.BodyLength);
        new SigV4RequestSigner(accessKeyId, secretKey, destinationRegion, "nuage-admin").SignUnsignedPayload(request, time.GetUtcNow());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return PushResult.Delivered;
            }

            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string error = $"{region.Name} answered {(int)response.StatusCode}: {(text.Length <= 300 ? text : text[..300])}";
            return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict ? PushResult.Refused(error) : PushResult.Retry(error);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PushResult.Retry($"{region.Name} cannot be reached: {e.Message}");
        }
    }

    /// <summary>
    /// The bytes of a version for a write into this same store. Read through a pipe, as they would cross the network,
    /// so no version is ever held whole in memory.
    /// </summary>
    private static Task<Stream> OpenLocalAsync(ReplicaSource source, CancellationToken cancellationToken)
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var writer = pipe.Writer.AsStream();
        _ = Task.Run(
            async () =>
            {
                try
                {
                    if (source.Version.Size > 0)
                    {
                        await source.Content!.CopyToAsync(writer, 0, source.Version.Size, cancellationToken).ConfigureAwait(false);
                    }

                    await pipe.Writer.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
                }
            },
            cancellationToken);
        return Task.FromResult(pipe.Reader.AsStream());
    }
}
