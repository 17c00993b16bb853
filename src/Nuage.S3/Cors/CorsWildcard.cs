namespace Nuage.S3.Cors;

/// <summary>
/// The one-wildcard patterns of a CORS rule ("Elements of a CORS configuration": an AllowedOrigin "can contain only
/// one wildcard character (*)", e.g. http://*.example.com, and so can each AllowedHeader, e.g. x-amz-*). The
/// <c>*</c> stands for any run of characters, the empty run included.
/// </summary>
public static class CorsWildcard
{
    public static bool Matches(string pattern, string value, StringComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, value, comparison);
        }

        var prefix = pattern.AsSpan(0, star);
        var suffix = pattern.AsSpan(star + 1);
        return value.Length >= prefix.Length + suffix.Length
            && value.AsSpan().StartsWith(prefix, comparison)
            && value.AsSpan().EndsWith(suffix, comparison);
    }

    /// <summary>More than one <c>*</c>: PutBucketCors refuses such an AllowedOrigin or AllowedHeader.</summary>
    public static bool HasSeveralWildcards(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var first = pattern.IndexOf('*', StringComparison.Ordinal);
        return first >= 0 && pattern.IndexOf('*', first + 1) >= 0;
    }
}
