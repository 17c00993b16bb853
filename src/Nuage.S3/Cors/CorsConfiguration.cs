namespace Nuage.S3.Cors;

/// <summary>
/// A bucket's CORS configuration, parsed once per stored version (BucketViews). "When Amazon S3 receives a
/// cross-origin request (or a pre-flight OPTIONS request) against a bucket, it evaluates the cors configuration on
/// the bucket and uses the first CORSRule rule that matches the incoming browser request" (PutBucketCors): the
/// Origin must match an AllowedOrigin, the method (or Access-Control-Request-Method of a preflight) an
/// AllowedMethod, and every header of Access-Control-Request-Headers an AllowedHeader.
/// </summary>
public sealed record CorsConfiguration(IReadOnlyList<CorsRule> Rules)
{
    /// <summary>"You can add up to 100 rules to the configuration" (CORSConfiguration).</summary>
    public const int MaxRules = 100;

    /// <summary>The first rule admitting the request, with the AllowedOrigin that matched; null when none does.</summary>
    public CorsMatch? Match(string origin, string method, IReadOnlyList<string> requestedHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestedHeaders);
        foreach (var rule in Rules)
        {
            if (rule.MatchingOrigin(origin) is { } allowedOrigin && rule.AllowsMethod(method) && requestedHeaders.All(rule.AllowsHeader))
            {
                return new CorsMatch(rule, allowedOrigin);
            }
        }

        return null;
    }
}
