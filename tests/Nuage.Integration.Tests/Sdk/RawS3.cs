using System.Net;
using System.Xml.Linq;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Raw HTTP against the server, for what the SDK hides: headers, error bodies, exact wire documents.</summary>
internal static class RawS3
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => Http.SendAsync(request);

    /// <summary>Sends a request signed with the root key.</summary>
    public static Task<HttpResponseMessage> SendSignedAsync(
        Uri endpoint, HttpMethod method, string encodedPath,
        IReadOnlyList<(string Name, string Value)>? query = null, byte[]? body = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        Http.SendAsync(SigV4Signer.Root.CreateRequest(endpoint, method, encodedPath, query, body, headers));

    /// <summary>
    /// Checks S3's error answer: the status, x-amz-request-id, and an XML &lt;Error&gt; body whose Code is
    /// <paramref name="code"/> and whose Message and RequestId are present (RequestId equal to the header).
    /// </summary>
    public static async Task<XElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.True(response.Headers.TryGetValues("x-amz-request-id", out var ids), "No x-amz-request-id header.");
        var requestId = Assert.Single(ids);
        Assert.False(string.IsNullOrWhiteSpace(requestId));
        var error = XDocument.Parse(body).Root!;
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal(code, error.Element("Code")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Element("Message")?.Value), "The error has no Message.");
        Assert.Equal(requestId, error.Element("RequestId")?.Value);
        return error;
    }
}
