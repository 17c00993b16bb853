using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Nuage.S3.Cors;

/// <summary>
/// The Access-Control-* headers S3 answers a cross-origin request with once a rule matched ("Appendix: OPTIONS
/// object", response headers; the same headers on the actual request, without Access-Control-Allow-Headers, which
/// only answers a preflight's Access-Control-Request-Headers).
/// </summary>
public static class CorsResponseHeaders
{
    /// <summary>
    /// The request headers the answer depends on: a cache must not hand one origin's answer to another (Fetch
    /// standard, "CORS protocol and HTTP caches").
    /// </summary>
    public const string Vary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    /// <param name="requestedHeaders">A preflight's Access-Control-Request-Headers (all allowed, as the match checked); null for an actual request.</param>
    public static void Apply(IHeaderDictionary headers, CorsMatch match, string origin, IReadOnlyList<string>? requestedHeaders)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(match);
        var rule = match.Rule;
        headers.AccessControlAllowOrigin = match.AnyOrigin ? "*" : origin;
        if (!match.AnyOrigin)
        {
            headers.AccessControlAllowCredentials = "true";
        }

        headers.AccessControlAllowMethods = string.Join(", ", rule.AllowedMethods);
        if (requestedHeaders is { Count: > 0 })
        {
            // "In response to any preflight OPTIONS request, Amazon S3 returns any requested headers that are allowed" (CORSRule).
            headers.AccessControlAllowHeaders = string.Join(", ", requestedHeaders);
        }

        if (rule.ExposeHeaders.Count > 0)
        {
            headers.AccessControlExposeHeaders = string.Join(", ", rule.ExposeHeaders);
        }

        if (rule.MaxAgeSeconds is { } maxAge)
        {
            headers.AccessControlMaxAge = maxAge.ToString(CultureInfo.InvariantCulture);
        }

        headers.Vary = Vary;
    }

    /// <summary>
    /// Access-Control-Request-Headers as the list of names a preflight asks for: comma-separated (Fetch standard),
    /// possibly repeated, blanks dropped, names lower-cased as browsers send them.
    /// </summary>
    public static IReadOnlyList<string> RequestedHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var names = new List<string>();
        foreach (var value in headers.AccessControlRequestHeaders)
        {
            foreach (var name in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(name.ToLowerInvariant());
            }
        }

        return names;
    }
}
