namespace Nuage.Iam.Policies;

/// <summary>
/// Matches an ARN pattern against an ARN segment by segment: arn:partition:service:region:account:resource.
/// AWS "IAM JSON policy elements: Resource" and the ARN condition operators both compare each of the six
/// colon-delimited parts on its own, so a wildcard never spans a ':' of the first five. The resource part keeps
/// any further colons. Comparison is case-sensitive.
/// </summary>
internal static class ArnMatcher
{
    public const int Separators = 5;

    public static bool Matches(WildcardPattern pattern, string arn)
    {
        if (pattern.Text == "*" && pattern.HasWildcards)
        {
            return true;
        }

        var patternParts = pattern.Split(':', Separators);
        var arnParts = arn.Split(':', Separators + 1);
        if (patternParts.Count != Separators + 1 || arnParts.Length != Separators + 1)
        {
            return false;
        }

        for (var i = 0; i < patternParts.Count; i++)
        {
            if (!patternParts[i].Matches(arnParts[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <paramref name="arn"/> against a fixed pattern already split into its six parts; <paramref name="arnParts"/>
    /// is the ARN split the same way (done once per request, <see cref="PolicyRequest.ResourceParts"/>).
    /// </summary>
    public static bool Matches(ResourcePattern pattern, string resource, string[]? arnParts)
    {
        if (pattern.Pattern is { Text: "*", HasWildcards: true })
        {
            return true;
        }

        if (pattern.ArnParts is not { } patternParts || arnParts is null)
        {
            return false;
        }

        if (!resource.StartsWith(pattern.LiteralPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < patternParts.Count; i++)
        {
            if (!patternParts[i].Matches(arnParts[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for "*" or a six-part ARN starting "arn:" (the syntax check of a Resource element).</summary>
    public static bool IsValidResource(string value, out string? service)
    {
        service = null;
        if (value == "*")
        {
            return true;
        }

        var parts = value.Split(':', Separators + 1);
        if (parts.Length != Separators + 1 || parts[0] != "arn" || parts[1].Length == 0 || parts[2].Length == 0 || parts[5].Length == 0)
        {
            return false;
        }

        service = parts[2];
        return true;
    }
}
