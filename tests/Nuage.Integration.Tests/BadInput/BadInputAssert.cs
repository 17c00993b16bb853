using System.Net;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>What every answer to bad input must be, and the check that the server survived it.</summary>
public static class BadInputAssert
{
    /// <summary>
    /// A clean S3 error: one of <paramref name="statuses"/>, S3's XML error document whose Code is one of
    /// <paramref name="codes"/> (any code when none is given) with a RequestId, x-amz-request-id, and no stack trace.
    /// </summary>
    public static void S3Error(RawHttpResponse? response, int[] statuses, params string[] codes)
    {
        Assert.True(response is not null, "The server closed the connection without an answer.");
        NoInternalError(response);
        Assert.True(statuses.Contains(response.Status),
            $"Expected status {string.Join(" or ", statuses)}{(codes.Length > 0 ? " with " + string.Join(" or ", codes) : "")}, got:\n{response}");
        Assert.True(response.Header("x-amz-request-id") is { Length: > 0 }, "No x-amz-request-id header:\n" + response);
        var document = S3ErrorDocument.TryParse(response.Text);
        Assert.True(document is not null, "The body is not S3's XML error document:\n" + response);
        Assert.True(codes.Length == 0 || codes.Contains(document.Code),
            $"Expected error code {string.Join(" or ", codes)}, got {document.Code}:\n{response}");
        Assert.True(document.RequestId is { Length: > 0 }, "The error document has no RequestId:\n" + response);
    }

    public static void S3Error(RawHttpResponse? response, int status, params string[] codes) => S3Error(response, [status], codes);

    /// <summary>Never a 500, never a .NET stack trace or exception name in what the client sees.</summary>
    public static void NoInternalError(RawHttpResponse response)
    {
        Assert.True(response.Status < 500, "The server answered a 5xx to bad input:\n" + response);
        var text = response.Text;
        Assert.False(text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal)
            || text.Contains(".cs:line", StringComparison.Ordinal), "The answer shows a stack trace:\n" + response);
    }

    /// <summary>The process is alive and still serves a signed ListBuckets.</summary>
    public static async Task ServerAliveAsync(NuageProcess server)
    {
        Assert.False(server.HasExited, "The server process died:\n" + string.Join('\n', server.Output.TakeLast(40)));
        using var http = new SignedHttpClient(server.Endpoint, timeout: TimeSpan.FromSeconds(30));
        using var request = http.Create(HttpMethod.Get, "/");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An HttpClient answer in the same shape as a raw-socket one.</summary>
    public static async Task<RawHttpResponse> ToRawAsync(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
        return new RawHttpResponse((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
    }

    public static async Task<RawHttpResponse> SendAsync(SignedHttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            return await ToRawAsync(response);
        }
    }
}
