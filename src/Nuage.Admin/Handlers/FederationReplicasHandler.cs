using System.Net;
using System.Text.Json;
using Nuage.Admin.Errors;
using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Regions.Replication;
using Nuage.Storage;
using Nuage.Storage.Replication;

namespace Nuage.Admin.Handlers;

/// <summary>
/// Where another region of the federation pushes a replicated version (docs/replication.md): <c>PUT
/// /api/federation/replicas/{bucket}</c>, the version's description in header <see cref="ReplicaHeaders.Version"/> (JSON,
/// base64), the source bucket's account in <see cref="ReplicaHeaders.Owner"/>, its bytes as the body, streamed into a blob.
/// Operator-only, as the rest of the federation API: regions sign with the root key they share. Answers 200 with
/// the outcome (written, or already present: a retried push), 404 NoSuchBucket and 409 for refusals that a retry
/// cannot change (the pushing region marks the version FAILED), other statuses for what may pass.
/// </summary>
public sealed class FederationReplicasHandler(ReplicaService replicas)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<AdminResult> PutAsync(AdminCall call) =>
        WriteAsync(call, call.OpenBodyStream(), DecodedOrNull<ReplicaTerms>(call, ReplicaHeaders.Terms, "terms"));

    /// <summary>
    /// <c>PUT /api/federation/sealed-replicas/{bucket}</c>: a version pushed with encryption terms (SSE-S3, SSE-KMS,
    /// SSE-C), the terms leading the body (as <see cref="ReplicaHeaders.SealedRoute"/> says: a 4-byte big-endian length,
    /// then that many bytes of JSON), the version's bytes after them. In the body, an SSE-C version's blob list has
    /// room for any number of parts; and a region older than this route answers 404 NoSuchRoute, which the pushing
    /// region takes as "try later", where it would have taken <see cref="PutAsync"/>'s terms header for nothing and
    /// stored an encrypted version's plaintext in the clear (docs/replication.md "Upgrading a federation").
    /// </summary>
    public async Task<AdminResult> PutSealedAsync(AdminCall call)
    {
        var body = call.OpenBodyStream();
        byte[] length = new byte[4];
        await ReadPrefixAsync(body, length, call.Aborted).ConfigureAwait(false);
        uint termsLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(length);
        if (termsLength == 0 || termsLength > ReplicaHeaders.MaxSealedTermsLength)
        {
            throw new AdminException(
                AdminError.InvalidInput, $"The replica's terms are {termsLength} bytes long; they must be 1 to {ReplicaHeaders.MaxSealedTermsLength}.");
        }

        byte[] encoded = new byte[termsLength];
        await ReadPrefixAsync(body, encoded, call.Aborted).ConfigureAwait(false);
        ReplicaTerms terms;
        try
        {
            terms = JsonSerializer.Deserialize<ReplicaTerms>(encoded, Json) ?? throw new AdminException(AdminError.InvalidInput, "The replica's terms are empty.");
        }
        catch (JsonException e)
        {
            throw new AdminException(AdminError.InvalidInput, $"The replica's terms are not JSON terms: {e.Message}");
        }

        return await WriteAsync(call, body, terms).ConfigureAwait(false);
    }

    private static async Task ReadPrefixAsync(Stream body, byte[] target, CancellationToken cancellationToken)
    {
        try
        {
            await body.ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new AdminException(AdminError.InvalidInput, "The body ends before the replica's terms do.");
        }
    }

    /// <summary>The version described by the request's headers, its bytes read from <paramref name="body"/>, written under <paramref name="terms"/>.</summary>
    private async Task<AdminResult> WriteAsync(AdminCall call, Stream body, ReplicaTerms? terms)
    {
        var version = Decoded<ReplicaVersion>(call, ReplicaHeaders.Version, "version");
        string owner = Required(call, ReplicaHeaders.Owner);
        try
        {
            var outcome = await replicas.WriteAsync(call["bucket"], owner, version, body, terms, call.Aborted).ConfigureAwait(false);
            return AdminResult.Ok(new { Outcome = outcome.ToString() });
        }
        catch (StorageException e)
        {
            return Refusal(e);
        }
    }

    private static string Required(AdminCall call, string header) =>
        call.Header(header) ?? throw new AdminException(AdminError.InvalidInput, $"The header {header} is missing.");

    /// <summary>A header of base64 JSON, decoded; missing, empty or malformed is 400 InvalidInput naming it.</summary>
    private static T Decoded<T>(AdminCall call, string header, string what)
        where T : class =>
        DecodedOrNull<T>(call, header, what) ?? throw new AdminException(AdminError.InvalidInput, $"The header {header} is missing.");

    /// <summary>As <see cref="Decoded{T}"/>, but null when the header is absent.</summary>
    private static T? DecodedOrNull<T>(AdminCall call, string header, string what)
        where T : class
    {
        if (call.Header(header) is not { } encoded)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Convert.FromBase64String(encoded), Json)
                ?? throw new AdminException(AdminError.InvalidInput, $"The header {header} is empty.");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new AdminException(AdminError.InvalidInput, $"The header {header} is not base64 JSON ({what}): {e.Message}");
        }
    }

    /// <summary>A storage refusal as the pushing region reads it: 404 and 409 for good, 503 and others for later.</summary>
    private static AdminResult Refusal(StorageException e)
    {
        int status = e.Code switch
        {
            StorageErrorCode.NoSuchBucket => (int)HttpStatusCode.NotFound,
            StorageErrorCode.InvalidRequest or StorageErrorCode.InvalidKey or StorageErrorCode.KeyTooLong => (int)HttpStatusCode.Conflict,
            StorageErrorCode.ServiceUnavailable => (int)HttpStatusCode.ServiceUnavailable,
            _ => (int)HttpStatusCode.BadRequest,
        };
        return new AdminResult(status, ErrorDocument.Of(e.Code.ToString(), e.Message));
    }

    /// <summary>
    /// <c>PUT /api/federation/replica-metadata/{bucket}</c>: a metadata-only change of a version replicated earlier (its
    /// tags, ACL, retention and legal hold as <see cref="ReplicaMetadata"/> in header <see cref="ReplicaHeaders.Metadata"/>,
    /// JSON, base64; no body). Answers 200 with the outcome, "Applied" or "NotPresent" (this bucket does not have the
    /// version: nothing to change), and the same refusals as a version's push.
    /// </summary>
    public async Task<AdminResult> PutMetadataAsync(AdminCall call)
    {
        var change = Decoded<ReplicaMetadata>(call, ReplicaHeaders.Metadata, "description");
        string owner = Required(call, ReplicaHeaders.Owner);
        try
        {
            bool applied = await replicas.ApplyMetadataAsync(call["bucket"], owner, change, call.Aborted).ConfigureAwait(false);
            return AdminResult.Ok(new { Outcome = applied ? "Applied" : "NotPresent" });
        }
        catch (StorageException e)
        {
            return Refusal(e);
        }
    }
}
