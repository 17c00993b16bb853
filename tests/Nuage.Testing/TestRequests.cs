using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nuage.Testing;

/// <summary>Builds in-memory requests the way Kestrel presents them: raw target kept, path decoded.</summary>
public static class TestRequests
{
    public static HttpRequest Create(string method, string rawTarget, IEnumerable<(string Name, string Value)> headers, Stream? body = null)
    {
        var context = new DefaultHttpContext();
        var feature = context.Features.Get<IHttpRequestFeature>()!;
        feature.Method = method;
        feature.RawTarget = rawTarget;
        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? rawTarget : rawTarget[..q];
        feature.Path = Uri.UnescapeDataString(path);
        feature.QueryString = q < 0 ? string.Empty : rawTarget[q..];
        foreach (var (name, value) in headers)
        {
            context.Request.Headers.Append(name, value);
        }

        context.Request.Body = body ?? Stream.Null;
        return context.Request;
    }

    public static async Task<byte[]> ReadAllAsync(Stream stream, int bufferSize = 81920)
    {
        using var result = new MemoryStream();
        var buffer = new byte[bufferSize];
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            result.Write(buffer, 0, n);
        }

        return result.ToArray();
    }
}
