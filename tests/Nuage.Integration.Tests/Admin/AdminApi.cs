using System.Net;
using System.Text;
using System.Text.Json;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Admin;

/// <summary>
/// Signed requests to the console port's admin API, made with the tests' own SigV4 signer (scope service
/// "nuage-admin"), so a mistake in the server's verifier is not shared by the client.
/// </summary>
public sealed class AdminApi(Uri console, string accessKey, string secretKey) : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly SigV4Signer _signer = new(accessKey, secretKey, service: "nuage-admin");

    public static AdminApi AsOperator(Uri console) => new(console, NuageProcess.AccessKey, NuageProcess.SecretKey);

    /// <summary>Sends a signed request; <paramref name="body"/> is sent as is (a string) or as JSON (anything else).</summary>
    public async Task<AdminResponse> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var bytes = body switch
        {
            null => null,
            string text => Encoding.UTF8.GetBytes(text),
            _ => JsonSerializer.SerializeToUtf8Bytes(body),
        };
        using var request = _signer.CreateRequest(console, method, PathOf(path), QueryOf(path), body: bytes);
        return await SendRawAsync(request);
    }

    /// <summary>The path of "path?name=value&amp;...", which is signed apart from its query (SigV4's canonical request).</summary>
    private static string PathOf(string path) => path.Split('?', 2)[0];

    private static List<(string Name, string Value)> QueryOf(string path) =>
        path.Split('?', 2) is [_, var query]
            ? [.. query.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (p[0], p.Length == 2 ? p[1] : ""))]
            : [];

    public async Task<AdminResponse> SendRawAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new AdminResponse(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), text);
    }

    public Task<AdminResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<AdminResponse> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

    public Task<AdminResponse> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<AdminResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => _http.Dispose();
}
