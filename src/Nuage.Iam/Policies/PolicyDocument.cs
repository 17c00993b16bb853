namespace Nuage.Iam.Policies;

/// <summary>A parsed, validated policy document. Immutable; parse once when the policy is stored or loaded.</summary>
public sealed class PolicyDocument
{
    private PolicyDocument(string json, PolicyKind kind, string version, string? id, IReadOnlyList<PolicyStatement> statements)
    {
        Json = json;
        Kind = kind;
        Version = version;
        Id = id;
        Statements = statements;
    }

    /// <summary>"2012-10-17" or "2008-10-17"; a document without Version is 2008-10-17 ("IAM JSON policy elements: Version").</summary>
    public string Version { get; }

    public string? Id { get; }

    public PolicyKind Kind { get; }

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The text exactly as given, for GetBucketPolicy / GetUserPolicy.</summary>
    public string Json { get; }

    /// <summary>Policy variables exist only in Version 2012-10-17; in 2008-10-17 "${...}" is literal text.</summary>
    public bool SubstitutesVariables => Version == PolicyParser.Version2012;

    // Statements whose Action/NotAction admits an action, per action: the action set is small (a few hundred
    // names) and an action's statements never change, so a request checks only the statements that can apply.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StatementIndex> _statementsByAction =
        new(StringComparer.OrdinalIgnoreCase);

    private string[]? _conditionKeys;

    /// <summary>
    /// Whether a condition of some statement reads a context key starting with <paramref name="keyPrefix"/>
    /// (case-insensitive, as context keys are). The document's keys are gathered once.
    /// </summary>
    public bool ReadsConditionKey(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var keys = _conditionKeys ??= [.. Statements.SelectMany(s => s.Conditions).Select(c => c.Key).Distinct(StringComparer.OrdinalIgnoreCase)];
        foreach (var key in keys)
        {
            if (key.StartsWith(keyPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statements whose Action (or NotAction) lets <paramref name="action"/> through, indexed by resource root.</summary>
    internal StatementIndex StatementsFor(string action) =>
        _statementsByAction.GetOrAdd(
            action,
            static (a, document) => StatementIndex.Build(
                [.. document.Statements.Where(s => s.Compiled(document.SubstitutesVariables).AdmitsAction(s, a))], document.SubstitutesVariables),
            this);

    /// <summary>
    /// The statements of several documents of one kind as one document per policy version, for evaluation only: a
    /// request against a principal's ten policies then consults one statement index instead of ten. Equivalent
    /// because documents of one kind combine as their statements do (any Deny denies, any Allow allows); versions
    /// stay apart because only 2012-10-17 substitutes variables.
    /// </summary>
    internal static IReadOnlyList<PolicyDocument> MergeForEvaluation(IReadOnlyList<PolicyDocument> documents)
    {
        if (documents.Count <= 1)
        {
            return documents;
        }

        return [.. documents
            .GroupBy(d => (d.Kind, d.Version))
            .Select(g => g.Count() == 1 ? g.First() : new PolicyDocument(string.Empty, g.Key.Kind, g.Key.Version, null, [.. g.SelectMany(d => d.Statements)]))];
    }

    /// <exception cref="MalformedPolicyException">The document is not a valid policy of <paramref name="kind"/>.</exception>
    public static PolicyDocument Parse(string json, PolicyKind kind)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new MalformedPolicyException("Policy document is empty");
        }

        var (version, id, statements) = PolicyParser.Parse(json, kind);
        return new PolicyDocument(json, kind, version, id, statements);
    }

    /// <summary>
    /// The size IAM measures against its quotas: "IAM doesn't count white space when computing the size of a policy
    /// against these limits" ("IAM and AWS STS quotas"). Whitespace inside strings is not counted either, as IAM
    /// does not distinguish.
    /// </summary>
    public static int CountSignificantCharacters(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var count = 0;
        foreach (var c in json)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }
}
