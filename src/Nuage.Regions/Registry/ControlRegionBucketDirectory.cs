namespace Nuage.Regions.Registry;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Nuage.Regions.Federation;
using Nuage.Signing;
using Nuage.Storage;
using Nuage.Storage.Buckets.Directory;

/// <summary>
/// A member region's bucket-name directory: every question goes to the control region's registry on its console
/// port (<c>/api/federation/buckets</c>), signed with SigV4 (service nuage-admin) by the operator root key that every
/// region of a federation is started with. The S3 port has nothing of it, and without that key no one can claim or
/// free a name.
/// </summary>
/// <remarks>
/// Where a bucket lives is cached for <see cref="PlacementLifetime"/>: redirects are asked for on every request to a
/// bucket of another region, and the control region is a round trip away. A cached answer cannot stay wrong for long:
/// it expires after a few seconds, this region's own claims and releases drop it at once, and it only ever sends a
/// client to another region, which checks for itself (its own bucket table first, then the registry) and answers
/// NoSuchBucket or a fresh redirect. Absences are never cached, so a name created elsewhere is found at once.
/// </remarks>
public sealed class ControlRegionBucketDirectory : IBucketDirectory
{
    public static readonly TimeSpan PlacementLifetime = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly FederationConfig _federation;
    private readonly HttpClient _http;
    private readonly SigV4RequestSigner _signer;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (BucketPlacement Placement, DateTimeOffset Expires)> _placements = new(StringComparer.Ordinal);

    public ControlRegionBucketDirectory(FederationConfig federation, HttpClient http, string rootAccessKeyId, string rootSecretKey, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(federation);
        _federation = federation;
        _http = http;
        _signer = new SigV4RequestSigner(rootAccessKeyId, rootSecretKey, federation.Control.Name, "nuage-admin");
        _time = time ?? TimeProvider.System;
    }

    public async Task<BucketClaimOutcome> ClaimAsync(string name, string owner, string region, bool forNewBucket, CancellationToken cancellationToken)
    {
        _placements.TryRemove(name, out _);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { name, owner, region, forNewBucket }, Json);
        var answer = await SendAsync<ClaimAnswer>(HttpMethod.Post, "api/federation/buckets", body, cancellationToken).ConfigureAwait(false);
        return Enum.TryParse<BucketClaimOutcome>(answer?.Outcome, out var outcome)
            ? outcome
            : throw Unavailable($"it answered the claim of {name} with '{answer?.Outcome}'");
    }

    public async Task ReleaseAsync(string name, string region, CancellationToken cancellationToken)
    {
        _placements.TryRemove(name, out _);
        await SendAsync<object>(
            HttpMethod.Delete, $"api/federation/buckets/{Uri.EscapeDataString(name)}?region={Uri.EscapeDataString(region)}", null, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<BucketPlacement?> LocateAsync(string name, CancellationToken cancellationToken)
    {
        if (_placements.TryGetValue(name, out var cached) && cached.Expires > _time.GetUtcNow())
        {
            return cached.Placement;
        }

        var placement = await SendAsync<BucketPlacement>(HttpMethod.Get, $"api/federation/buckets/{Uri.EscapeDataString(name)}", null, cancellationToken)
            .ConfigureAwait(false);
        if (placement is not null)
        {
            _placements[name] = (placement, _time.GetUtcNow() + PlacementLifetime);
        }
        else
        {
            _placements.TryRemove(name, out _);
        }

        return placement;
    }

    public async Task<IReadOnlyList<BucketPlacement>> ListAsync(string owner, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<ListAnswer>(HttpMethod.Get, $"api/federation/buckets?owner={Uri.EscapeDataString(owner)}", null, cancellationToken)
            .ConfigureAwait(false);
        return answer?.Buckets ?? [];
    }

    public Uri? S3EndpointOf(string region) => _federation.Find(region)?.S3Endpoint;

    public async Task<IReadOnlyList<BucketPlacement>> ListInRegionAsync(string region, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<ListAnswer>(HttpMethod.Get, $"api/federation/buckets?region={Uri.EscapeDataString(region)}", null, cancellationToken)
            .ConfigureAwait(false);
        return answer?.Buckets ?? [];
    }

    /// <summary>One signed call to the control region; null for its 404 and 204, ServiceUnavailable when it cannot answer.</summary>
    private async Task<T?> SendAsync<T>(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(_federation.Control.ConsoleEndpoint, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        _signer.Sign(request, body ?? [], _time.GetUtcNow());
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw Unavailable(e.Message);
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw Unavailable($"it answered {(int)response.StatusCode}: {Shorten(text)}");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw Unavailable("its answer is not the registry's JSON: " + e.Message);
            }
        }
    }

    private StorageException Unavailable(string why) =>
        new(StorageErrorCode.ServiceUnavailable,
            $"The federation's control region ({_federation.Control.Name}), which keeps the global bucket names, cannot answer now: {why}");

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private sealed record ClaimAnswer(string? Outcome);

    private sealed record ListAnswer(List<BucketPlacement>? Buckets);
}
