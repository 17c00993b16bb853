namespace Nuage.Iam.Policies;

/// <summary>
/// Validates the Action / NotAction element: "*" or "service:action" ("IAM JSON policy elements: Action"). The
/// service prefix is case-insensitive and must be one Nuage serves. For s3, iam, sts and kms a name (or wildcard
/// pattern) must match at least one known action; admin (Nuage's own admin API) and iot/iotdata take any name
/// because those catalogues are Nuage's to grow.
/// </summary>
internal static class ActionCatalog
{
    private static readonly Dictionary<string, string[]?> Services = new(StringComparer.OrdinalIgnoreCase)
    {
        ["s3"] = S3ActionNames.All,
        ["iam"] = IamActionNames.Iam,
        ["sts"] = IamActionNames.Sts,
        ["kms"] = KmsActionNames.All,
        ["admin"] = null,
        ["iot"] = null,
        ["iotdata"] = null,
    };

    public static bool IsValid(string action, out string? service)
    {
        service = null;
        if (action == "*")
        {
            return true;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == action.Length - 1 || action.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        var prefix = action[..colon];
        if (!Services.TryGetValue(prefix, out var known))
        {
            return false;
        }

        service = prefix.ToLowerInvariant();
        var name = WildcardPattern.FromPlain(action[(colon + 1)..]);
        return known is null || AnyMatches(name, known);
    }

    /// <summary>True for "*" or an sts name or pattern that names at least one role-assumption action.</summary>
    public static bool IsTrustAction(string action)
    {
        if (action == "*")
        {
            return true;
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !action[..colon].Equals("sts", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var name = WildcardPattern.FromPlain(action[(colon + 1)..]);
        return AnyMatches(name, IamActionNames.TrustPolicyActions);
    }

    private static bool AnyMatches(WildcardPattern pattern, string[] names) =>
        names.Any(n => pattern.Matches(n, ignoreCase: true));
}
