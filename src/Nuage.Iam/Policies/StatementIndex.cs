namespace Nuage.Iam.Policies;

/// <summary>
/// The statements of one document that admit one action, indexed by the part of their resource that names a
/// bucket-like root: the text between the ARN's last ':' of its first five and the first '/' ("bucket" in
/// arn:aws:s3:::bucket/key). A request then checks only the statements filed under its own root and those whose
/// resource cannot be filed (a wildcard before the '/', NotResource, variables, no Resource), so a user holding
/// many policies over many buckets pays for the few statements about the bucket it touches.
/// </summary>
internal sealed class StatementIndex
{
    private readonly Dictionary<string, PolicyStatement[]> _byRoot;
    private readonly PolicyStatement[] _always;

    private StatementIndex(Dictionary<string, PolicyStatement[]> byRoot, PolicyStatement[] always)
    {
        _byRoot = byRoot;
        _always = always;
    }

    public static StatementIndex Build(IReadOnlyList<PolicyStatement> statements, bool substitutesVariables)
    {
        var byRoot = new Dictionary<string, List<PolicyStatement>>(StringComparer.Ordinal);
        var always = new List<PolicyStatement>();
        foreach (var statement in statements)
        {
            var roots = statement.Resource is null ? null : RootsOf(statement.Compiled(substitutesVariables).Resources);
            if (roots is null)
            {
                always.Add(statement);
                continue;
            }

            foreach (var root in roots)
            {
                if (!byRoot.TryGetValue(root, out var list))
                {
                    byRoot[root] = list = [];
                }

                if (!list.Contains(statement))
                {
                    list.Add(statement);
                }
            }
        }

        return new StatementIndex(byRoot.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), [.. always]);
    }

    /// <summary>
    /// The statements that can apply to <paramref name="resource"/>: those filed under its root, then those that
    /// are always checked. Order within a document does not change a decision (any Deny wins, any Allow allows).
    /// </summary>
    public IEnumerable<PolicyStatement> Candidates(string resource)
    {
        if (Root(resource) is { } root && _byRoot.TryGetValue(root, out var filed))
        {
            foreach (var statement in filed)
            {
                yield return statement;
            }
        }

        foreach (var statement in _always)
        {
            yield return statement;
        }
    }

    /// <summary>The roots of fixed resource patterns, or null when one of them cannot be filed.</summary>
    private static List<string>? RootsOf(ResourcePattern[] resources)
    {
        var roots = new List<string>();
        foreach (var resource in resources)
        {
            if (resource.Pattern is not { } pattern || Root(resource.LiteralPrefix) is not { } root || !IsExact(pattern, resource.LiteralPrefix))
            {
                return null;
            }

            roots.Add(root);
        }

        return roots;
    }

    /// <summary>
    /// The root read from the literal prefix is the pattern's whole root only when no wildcard comes before the
    /// root's end: the pattern has none at all, or its literal prefix already holds the '/' after the root.
    /// ("arn:aws:s3:::buck*" has root "buck" in its prefix but matches bucket "bucket": it is not filed.)
    /// </summary>
    private static bool IsExact(WildcardPattern pattern, string literalPrefix) =>
        !pattern.HasWildcards || literalPrefix.IndexOf('/', Math.Max(RootStart(literalPrefix), 0)) >= 0;

    /// <summary>The text after the fifth ':' up to the first '/' (or the end): null when there are not five ':'.</summary>
    private static string? Root(string arn)
    {
        var start = RootStart(arn);
        if (start < 0)
        {
            return null;
        }

        var slash = arn.IndexOf('/', start);
        return slash < 0 ? arn[start..] : arn[start..slash];
    }

    private static int RootStart(string arn)
    {
        var index = -1;
        for (var i = 0; i < ArnMatcher.Separators; i++)
        {
            index = arn.IndexOf(':', index + 1);
            if (index < 0)
            {
                return -1;
            }
        }

        return index + 1;
    }
}
