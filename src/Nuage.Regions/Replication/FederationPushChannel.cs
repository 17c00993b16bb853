using System.Net;
using Nuage.Regions.Federation;
using Nuage.Signing;

namespace Nuage.Regions.Replication;

/// <summary>
/// The way replication reaches another region: a <c>PUT</c> on that region's console port, signed with SigV4 (service
/// nuage-admin) by the operator root key every region of a federation shares, its body unsigned (each receiver checks
/// what it takes). It names the outcome as the worker needs it: a region not in the federation, a 404 or a 409 are
/// refusals a retry cannot change, except a 404 NoSuchRoute (a region too old to know the endpoint, which an upgrade
/// changes); another answer or no answer at all is tried again.
/// </summary>
internal sealed class FederationPushChannel(FederationMembership membership, HttpClient http, string accessKeyId, string secretKey, TimeProvider time)
{
    /// <param name="path">The path under the console endpoint, e.g. api/federation/replicas/BUCKET.</param>
    /// <param name="fill">Adds the request's headers and content.</param>
    /// <param name="delivered">The outcome of a 2xx answer, from its body.</param>
    public async Task<PushResult> PutAsync(
        string destinationRegion, string path, Action<HttpRequestMessage> fill, Func<string, PushResult> delivered, CancellationToken cancellationToken)
    {
        var region = membership.Config?.Find(destinationRegion);
        if (region is null)
        {
            return PushResult.Refused($"The destination bucket's region {destinationRegion} is not in this federation.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(region.ConsoleEndpoint, path));
        fill(request);
        new SigV4RequestSigner(accessKeyId, secretKey, destinationRegion, "nuage-admin").SignUnsignedPayload(request, time.GetUtcNow());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return delivered(text);
            }

            string error = $"{region.Name} answered {(int)response.StatusCode}: {(text.Length <= 300 ? text : text[..300])}";
            if (response.StatusCode == HttpStatusCode.NotFound && ErrorCodeOf(text) == "NoSuchRoute")
            {
                // The region runs an older Nuage, without this endpoint: not a refusal of the version, which waits
                // for that region's upgrade (docs/replication.md "Upgrading a federation").
                return PushResult.Retry($"{region.Name} runs an older Nuage without /{path}: upgrade it. {error}");
            }

            return response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict ? PushResult.Refused(error) : PushResult.Retry(error);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return PushResult.Retry($"{region.Name} cannot be reached: {e.Message}");
        }
    }

    /// <summary>The code of an admin API error document (<c>{"error":{"code":...}}</c>), or null.</summary>
    private static string? ErrorCodeOf(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String ? code.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
