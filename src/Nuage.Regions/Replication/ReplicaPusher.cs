using System.Text.Json;
using Nuage.Regions.Federation;
using Nuage.Storage;
using Nuage.Storage.Replication;

namespace Nuage.Regions.Replication;

/// <summary>
/// Sends one opened source version to its destination bucket: into this region's own store when the bucket is here
/// (replication within a region), else to the destination region's console port, <c>PUT
/// /api/federation/replicas/{bucket}</c> (or, with encryption terms, <c>/api/federation/sealed-replicas/{bucket}</c>), signed with SigV4 (service nuage-admin) by the operator root key every region
/// of a federation shares, the body streamed unsigned (the receiver checks it against the source's ETag).
/// </summary>
internal sealed class ReplicaPusher(ReplicaService replicas, FederationMembership membership, FederationPushChannel channel)
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

        // A version to be encrypted at the destination goes to the sealed route, its terms leading the body: a region
        // older than that route answers 404 NoSuchRoute and the push waits for its upgrade, where the old route would
        // have ignored the terms and stored the plaintext in the clear. Others keep the old route, which every
        // region of a federation answers.
        bool sealedPush = terms.Encryption is not null;
        return await channel.PutAsync(
            destinationRegion,
            "api/" + (sealedPush ? ReplicaHeaders.SealedRoute : "federation/replicas/") + Uri.EscapeDataString(destinationBucket),
            request =>
            {
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Version, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(version, Json)));
                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Owner, owner);
                if (sealedPush)
                {
                    request.Content = new SealedBodyContent(JsonSerializer.SerializeToUtf8Bytes(terms, Json), source.Content, source.Content is null ? 0 : source.BodyLength);
                    return;
                }

                request.Headers.TryAddWithoutValidation(ReplicaHeaders.Terms, Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(terms, Json)));
                request.Content = source.Content is null ? new ByteArrayContent([]) : new ObjectBodyContent(source.Content, source.BodyLength);
            },
            _ => PushResult.Delivered,
            cancellationToken).ConfigureAwait(false);
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
                    // The bytes as they would cross: the version's, or an SSE-C version's ciphertext (longer).
                    if (source.BodyLength > 0)
                    {
                        await source.Content!.CopyToAsync(writer, 0, source.BodyLength, cancellationToken).ConfigureAwait(false);
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
