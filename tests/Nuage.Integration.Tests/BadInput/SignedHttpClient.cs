using System.Net;
using System.Xml.Linq;
using Nuage.Testing;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// HttpClient with requests signed by <see cref="SigV4Signer"/>: full control over the path (no dot-segment
/// collapsing, no re-encoding), headers and body, and direct access to the status, headers and bytes of the answer.
/// </summary>
public sealed class SignedHttpClient : IDisposable
{
    private static readonly UriCreationOptions RawPath = new() { DangerousDisablePathAndQueryCanonicalization = true };
    private readonly HttpClient _http;
    private readonly Uri _endpoint;

    public SignedHttpClient(Uri endpoint, SigV4Signer? signer = null, TimeSpan? timeout = null)
    {
        _endpoint = endpoint;
        Signer = signer ?? SigV4Signer.Root;
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
    }

    public SigV4Signer Signer { get; }

    /// <summary>A signed request; the payload hash is the body's SHA-256 unless <paramref name="payloadHash"/> says otherwise.</summary>
    public HttpRequestMessage Create(
        HttpMethod method, string encodedPath, IReadOnlyList<(string Name, string Value)>? query = null,
        byte[]? body = null, IReadOnlyDictionary<string, string>? signedHeaders = null, string? payloadHash = null) =>
        Signer.CreateRequest(_endpoint, method, encodedPath, query, body, signedHeaders, payloadHash: payloadHash);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    public Task<HttpResponseMessage> SendUnsignedAsync(HttpRequestMessage request, CancellationToken cancellationToken = default) =>
        _http.SendAsync(request, cancellationToken);

    public HttpRequestMessage CreateUnsigned(HttpMethod method, string encodedPath) =>
        new(method, new Uri(_endpoint.GetLeftPart(UriPartial.Authority) + encodedPath, in RawPath));

    /// <summary>PUT of a whole body; returns the status and the ETag without quotes (null when absent).</summary>
    public async Task<(HttpStatusCode Status, string? ETag, string Body)> PutObjectAsync(
        string bucket, string key, byte[] body, CancellationToken cancellationToken = default)
    {
        using var request = Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket, key), body: body);
        using var response = await SendAsync(request, cancellationToken);
        return (response.StatusCode, ETagOf(response), await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>GET of a whole object: status, bytes, ETag without quotes.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body, string? ETag)> GetObjectAsync(
        string bucket, string key, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        using var request = Create(HttpMethod.Get, SigV4Signer.EncodePath(bucket, key), signedHeaders: headers);
        using var response = await SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken), ETagOf(response));
    }

    public async Task<HttpStatusCode> HeadObjectAsync(string bucket, string key, CancellationToken cancellationToken = default)
    {
        using var request = Create(HttpMethod.Head, SigV4Signer.EncodePath(bucket, key));
        using var response = await SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    public async Task<HttpStatusCode> CreateBucketAsync(string bucket)
    {
        using var request = Create(HttpMethod.Put, SigV4Signer.EncodePath(bucket));
        using var response = await SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Every key of a bucket (ListObjectsV2, all pages).</summary>
    public async Task<List<(string Key, long Size, string ETag)>> ListAllAsync(string bucket)
    {
        var keys = new List<(string, long, string)>();
        string? token = null;
        do
        {
            var query = new List<(string, string)> { ("list-type", "2") };
            if (token is not null)
            {
                query.Add(("continuation-token", token));
            }

            using var request = Create(HttpMethod.Get, SigV4Signer.EncodePath(bucket), query);
            using var response = await SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new Xunit.Sdk.XunitException($"ListObjectsV2 answered {(int)response.StatusCode}: {text}");
            }

            var root = XDocument.Parse(text).Root!;
            foreach (var contents in root.Elements().Where(e => e.Name.LocalName == "Contents"))
            {
                keys.Add((Child(contents, "Key")!, long.Parse(Child(contents, "Size")!, System.Globalization.CultureInfo.InvariantCulture),
                    Child(contents, "ETag")!.Trim('"')));
            }

            token = Child(root, "IsTruncated") == "true" ? Child(root, "NextContinuationToken") : null;
        }
        while (token is not null);

        return keys;
    }

    private static string? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

    /// <summary>The ETag header as sent, without its quotes (read raw: HttpClient's parser drops malformed ones).</summary>
    public static string? ETagOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("ETag", out var values) ? values.First().Trim('"') : null;

    public void Dispose() => _http.Dispose();
}
