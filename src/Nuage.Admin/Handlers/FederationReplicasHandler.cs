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

    public async Task<AdminResult> PutAsync(AdminCall call)
    {
        string encoded = call.Header(ReplicaHeaders.Version) ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Version} is missing.");
        string owner = call.Header(ReplicaHeaders.Owner) ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Owner} is missing.");
        ReplicaVersion version;
        try
        {
            version = JsonSerializer.Deserialize<ReplicaVersion>(Convert.FromBase64String(encoded), Json)
                ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Version} is empty.");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Version} is not a base64 JSON version: {e.Message}");
        }

        ReplicaTerms? terms = null;
        if (call.Header(ReplicaHeaders.Terms) is { } encodedTerms)
        {
            try
            {
                terms = JsonSerializer.Deserialize<ReplicaTerms>(Convert.FromBase64String(encodedTerms), Json);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Terms} is not base64 JSON terms: {e.Message}");
            }
        }

        try
        {
            var outcome = await replicas.WriteAsync(call["bucket"], owner, version, call.OpenBodyStream(), terms, call.Aborted).ConfigureAwait(false);
            return AdminResult.Ok(new { Outcome = outcome.ToString() });
        }
        catch (StorageException e)
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
    }

    /// <summary>
    /// <c>PUT /api/federation/replica-metadata/{bucket}</c>: a metadata-only change of a version replicated earlier (its
    /// tags, ACL, retention and legal hold as <see cref="ReplicaMetadata"/> in header <see cref="ReplicaHeaders.Metadata"/>,
    /// JSON, base64; no body). Answers 200 with the outcome, "Applied" or "NotPresent" (this bucket does not have the
    /// version: nothing to change), and the same refusals as a version's push.
    /// </summary>
    public async Task<AdminResult> PutMetadataAsync(AdminCall call)
    {
        string encoded = call.Header(ReplicaHeaders.Metadata) ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Metadata} is missing.");
        string owner = call.Header(ReplicaHeaders.Owner) ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Owner} is missing.");
        ReplicaMetadata change;
        try
        {
            change = JsonSerializer.Deserialize<ReplicaMetadata>(Convert.FromBase64String(encoded), Json)
                ?? throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Metadata} is empty.");
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new AdminException(AdminError.InvalidInput, $"The header {ReplicaHeaders.Metadata} is not a base64 JSON description: {e.Message}");
        }

        try
        {
            bool applied = await replicas.ApplyMetadataAsync(call["bucket"], owner, change, call.Aborted).ConfigureAwait(false);
            return AdminResult.Ok(new { Outcome = applied ? "Applied" : "NotPresent" });
        }
        catch (StorageException e)
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
    }
}
