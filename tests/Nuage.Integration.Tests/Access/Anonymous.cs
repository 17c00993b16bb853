using System.Net;

namespace Nuage.Integration.Tests.Access;

/// <summary>Unsigned requests, as a browser or curl without credentials sends them.</summary>
internal sealed class Anonymous(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<HttpStatusCode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return response.StatusCode;
    }

    public async Task<(HttpStatusCode Status, string Body)> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> PutAsync(string path, byte[] body)
    {
        using var response = await _http.PutAsync(path, new ByteArrayContent(body));
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
