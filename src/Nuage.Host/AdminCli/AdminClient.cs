using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Nuage.Admin;
using Nuage.Signing;

namespace Nuage.Host.AdminCli;

/// <summary>
/// The admin API over HTTP for `nuage admin`: each request signed (SigV4, service nuage-admin, x-amz-content-sha256
/// always sent); a JSON error becomes <see cref="AdminCliException"/> "CODE: message" (exit 1), a server that cannot
/// be reached exit 3.
/// </summary>
public sealed class AdminClient(Uri endpoint, string accessKey, string secretKey) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly SigV4RequestSigner _signer = new(accessKey, secretKey, "us-east-1", AdminRequestPipeline.SigningService);

    /// <summary>Path segments are escaped here; the answer's JSON, or null for 204.</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string[] segments, object? json = null, string? rawBody = null, string? query = null,
        CancellationToken cancellationToken = default)
    {
        var path = "/api/" + string.Join('/', segments.Select(Uri.EscapeDataString)) + (query is null ? "" : "?" + query);
        var body = rawBody is not null ? Encoding.UTF8.GetBytes(rawBody)
            : json is not null ? JsonSerializer.SerializeToUtf8Bytes(json, JsonSerializerOptions.Web)
            : [];
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        if (body.Length > 0 || method == HttpMethod.Post || method == HttpMethod.Put || method == HttpMethod.Patch)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        _signer.Sign(request, body, DateTimeOffset.UtcNow);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new AdminCliException(AdminCliException.Unreachable, $"cannot reach {endpoint}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AdminCliException(AdminCliException.Unreachable, $"{endpoint} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }

        using (response)
        {
            var document = TryParse(text);
            if (response.IsSuccessStatusCode)
            {
                return document;
            }

            if (document is { } error && error.TryGetProperty("error", out var detail)
                && detail.TryGetProperty("code", out var code) && detail.TryGetProperty("message", out var message))
            {
                throw new AdminCliException(AdminCliException.Refused, $"{code.GetString()}: {message.GetString()}");
            }

            // Not the admin API's answer: most likely --endpoint names the S3 port or another server.
            throw new AdminCliException(AdminCliException.Refused,
                $"{(int)response.StatusCode} {response.ReasonPhrase} from {endpoint}, which does not look like a Nuage console port (see --endpoint).");
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonElement? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
