namespace Nuage.Iam.Policies;

/// <summary>
/// One statement of a policy ("IAM JSON policy element reference"). Of each pair Action/NotAction,
/// Resource/NotResource and Principal/NotPrincipal at most one is set; which ones are required depends on the
/// <see cref="PolicyKind"/> and is checked by <see cref="PolicyDocument.Parse"/>.
/// </summary>
public sealed class PolicyStatement
{
    internal PolicyStatement(
        string? sid,
        PolicyEffect effect,
        IReadOnlyList<string>? action,
        IReadOnlyList<string>? notAction,
        IReadOnlyList<string>? resource,
        IReadOnlyList<string>? notResource,
        PolicyPrincipalElement? principal,
        PolicyPrincipalElement? notPrincipal,
        IReadOnlyList<PolicyCondition> conditions)
    {
        Sid = sid;
        Effect = effect;
        Action = action;
        NotAction = notAction;
        Resource = resource;
        NotResource = notResource;
        Principal = principal;
        NotPrincipal = notPrincipal;
        Conditions = conditions;
    }

    public string? Sid { get; }

    public PolicyEffect Effect { get; }

    public IReadOnlyList<string>? Action { get; }

    public IReadOnlyList<string>? NotAction { get; }

    public IReadOnlyList<string>? Resource { get; }

    public IReadOnlyList<string>? NotResource { get; }

    public PolicyPrincipalElement? Principal { get; }

    public PolicyPrincipalElement? NotPrincipal { get; }

    public IReadOnlyList<PolicyCondition> Conditions { get; }

    /// <summary>The patterns of this statement, compiled on first use (statements are immutable, so a race only compiles twice).</summary>
    internal CompiledStatement Compiled(bool substitutesVariables) =>
        _compiled ??= CompiledStatement.Compile(this, substitutesVariables);

    private CompiledStatement? _compiled;
}
