using System.Net;

namespace Nuage.Bench;

/// <summary>A lean S3 client over one HttpClient: only the requests the scenarios send.</summary>
public sealed class S3BenchClient(Uri endpoint, SigV4Signer signer, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromMinutes(5),
    };

    public Uri Endpoint { get; } = endpoint;

    public async Task SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, Func<HttpResponseMessage, Task>? read = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(Endpoint, pathAndQuery)) { Content = content };
        signer.Sign(request);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new HttpRequestException($"{method} {pathAndQuery}: {(int)response.StatusCode} {body}");
        }

        if (read is not null)
        {
            await read(response);
        }
        else
        {
            await response.Content.CopyToAsync(Stream.Null);
        }
    }

    public void Dispose() => _http.Dispose();
}
