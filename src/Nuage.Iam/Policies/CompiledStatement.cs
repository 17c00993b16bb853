namespace Nuage.Iam.Policies;

/// <summary>
/// A statement's Action/NotAction and Resource/NotResource turned into patterns once, when the statement is first
/// evaluated, instead of on every request: a user holding ten policies of twenty statements has every statement
/// checked on every request, so per-request parsing would make authorization the bottleneck (issue 13's target:
/// within 5% of root's throughput). A resource holding a policy variable depends on the request and stays text.
/// </summary>
internal sealed class CompiledStatement
{
    private CompiledStatement(WildcardPattern[] actions, ResourcePattern[] resources)
    {
        Actions = actions;
        Resources = resources;
    }

    /// <summary>Action or NotAction patterns, matched case-insensitively.</summary>
    public WildcardPattern[] Actions { get; }

    /// <summary>Resource or NotResource patterns; empty for a statement with neither (trust policies).</summary>
    public ResourcePattern[] Resources { get; }

    /// <summary>Action names are case-insensitive ("IAM JSON policy elements: Action"); NotAction admits what it does not list.</summary>
    public bool AdmitsAction(PolicyStatement statement, string action)
    {
        var any = false;
        foreach (var pattern in Actions)
        {
            if (pattern.Matches(action, ignoreCase: true))
            {
                any = true;
                break;
            }
        }

        return statement.Action is not null ? any : !any;
    }

    public static CompiledStatement Compile(PolicyStatement statement, bool substitutesVariables)
    {
        var actions = (statement.Action ?? statement.NotAction ?? []).Select(WildcardPattern.FromPlain).ToArray();
        var resources = (statement.Resource ?? statement.NotResource ?? [])
            .Select(r => substitutesVariables && PolicyVariables.HasVariables(r) ? ResourcePattern.WithVariables(r) : ResourcePattern.Fixed(WildcardPattern.FromPlain(r)))
            .ToArray();
        return new CompiledStatement(actions, resources);
    }
}
