namespace Nuage.Iam.Policies;

/// <summary>
/// One Resource entry ready for matching: a fixed pattern already split into the six ARN parts, or a template
/// with policy variables that is resolved against each request.
/// </summary>
internal sealed class ResourcePattern
{
    private ResourcePattern(WildcardPattern? pattern, IReadOnlyList<WildcardPattern>? arnParts, string? template)
    {
        Pattern = pattern;
        ArnParts = arnParts;
        Template = template;
        LiteralPrefix = pattern is null ? string.Empty : pattern.Text[..pattern.LiteralPrefixLength];
    }

    /// <summary>
    /// The pattern's text up to its first wildcard. Parts are matched one by one, so every part before the first
    /// wildcard equals the ARN's and the part holding it starts with its literal head: a resource that does not
    /// start with this prefix cannot match, which one ordinal comparison tells for most statements.
    /// </summary>
    public string LiteralPrefix { get; }

    /// <summary>The pattern when it has no variables.</summary>
    public WildcardPattern? Pattern { get; }

    /// <summary>The fixed pattern split at its first five literal ':' (null when it is not a six-part ARN).</summary>
    public IReadOnlyList<WildcardPattern>? ArnParts { get; }

    /// <summary>The text of a resource holding variables.</summary>
    public string? Template { get; }

    public static ResourcePattern Fixed(WildcardPattern pattern)
    {
        var parts = pattern.Split(':', ArnMatcher.Separators);
        return new ResourcePattern(pattern, parts.Count == ArnMatcher.Separators + 1 ? parts : null, null);
    }

    public static ResourcePattern WithVariables(string template) => new(null, null, template);
}
