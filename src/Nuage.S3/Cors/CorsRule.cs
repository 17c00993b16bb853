namespace Nuage.S3.Cors;

/// <summary>
/// One CORSRule of a bucket's CORS configuration (S3 API reference, "CORSRule"): the origins and methods it allows,
/// the headers a preflight may ask for, the response headers a browser may expose, and how long a browser may
/// cache the preflight answer.
/// </summary>
public sealed record CorsRule(
    string? Id,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAgeSeconds)
{
    /// <summary>
    /// The AllowedOrigin that admits <paramref name="origin"/>, or null. Origins are compared as the strings they are
    /// (a browser serialises an origin in lower case, so a configured origin is written the same way); AWS's
    /// documentation gives no case rule for origins, unlike header names.
    /// </summary>
    public string? MatchingOrigin(string origin)
    {
        foreach (var allowed in AllowedOrigins)
        {
            if (CorsWildcard.Matches(allowed, origin, StringComparison.Ordinal))
            {
                return allowed;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the method is one of the rule's AllowedMethod values. PutBucketCors accepts only the upper-case names
    /// GET, PUT, HEAD, POST and DELETE, and HTTP methods are case-sensitive (RFC 9110 §9.1), so the comparison is too.
    /// </summary>
    public bool AllowsMethod(string method)
    {
        foreach (var allowed in AllowedMethods)
        {
            if (string.Equals(allowed, method, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a header a preflight asks for (Access-Control-Request-Headers) is allowed: "Each header name in the
    /// Access-Control-Request-Headers header must match a corresponding entry in the rule" ("AllowedHeaders
    /// element"). Header names are case-insensitive (RFC 9110 §5.1), so the match is too.
    /// </summary>
    public bool AllowsHeader(string header)
    {
        foreach (var allowed in AllowedHeaders)
        {
            if (CorsWildcard.Matches(allowed, header, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
