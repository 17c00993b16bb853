using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Nuage.Signing;

/// <summary>The request target as the client sent it, which both SigV4 and SigV2 sign.</summary>
internal static class RawRequestTarget
{
    /// <summary>
    /// The path and query exactly as the client sent them: HttpRequest.Path is already decoded (and "%2F" would be
    /// indistinguishable from "/"), so the canonical URI is computed from IHttpRequestFeature.RawTarget.
    /// </summary>
    public static void Split(HttpRequest request, out ReadOnlySpan<char> path, out ReadOnlySpan<char> query)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            // No raw target (an in-memory request): rebuild one from the decoded parts.
            raw = (request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        }

        var target = raw.AsSpan();
        if (!target.StartsWith('/'))
        {
            // absolute-form ("http://host/path", RFC 9112 §3.2.2), as sent to proxies.
            var scheme = target.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                target = target[(scheme + 3)..];
                var slash = target.IndexOfAny('/', '?');
                target = slash < 0 ? [] : target[slash..];
            }
        }

        var q = target.IndexOf('?');
        path = q < 0 ? target : target[..q];
        query = q < 0 ? [] : target[(q + 1)..];
    }
}
